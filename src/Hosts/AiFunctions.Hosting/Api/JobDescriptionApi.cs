using AiFunctions.Workflows;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using AiFunctions.Hosting.Security;

namespace AiFunctions.Hosting.Api;

/// <summary>The job description operations of the API (draft, read, approve or revise), host-agnostic.</summary>
public sealed class JobDescriptionApi(IScreeningStore store, IFirstClaimStore claims, ILogger<JobDescriptionApi> logger, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>POST /api/job-descriptions (Submitter): starts drafting in the caller's tenant; 202 with Location; single-winner per id (others 409).</summary>
    public async Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var (body, problem) = await ApiJson.ReadAsync<JobDescriptionWorkflowRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (ApiCaller.CheckTenant(caller, body!.Tenant) is { } tenantProblem)
        {
            return tenantProblem;
        }

        body = body with { Tenant = caller.Tenant };
        var errors = CheckLengths(body);
        if (!ResourceIds.IsValid(body.JobDescriptionId) || ResourceIds.IsReserved(body.JobDescriptionId))
        {
            errors.Add($"jobDescriptionId is missing or invalid: use {ResourceIds.Rule}, not starting with '{ResumeUploads.IdPrefix}'.");
        }

        errors.AddRange(JobDescriptionWorkflowRequestValidator.Validate(body));
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var id = body.JobDescriptionId;
        var key = ResourceIds.Scope(caller.Tenant, id);
        var instanceId = WorkflowInstanceIds.JobDescription(key);
        var location = Location(id);
        var won = await claims.TryClaimAsync(key, "create", new FirstClaim(caller.Name, _clock.GetUtcNow(), "created"), cancellationToken).ConfigureAwait(false);
        if (won is not null || await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            request.HttpContext.Response.Headers.Location = location;
            return ApiProblems.Conflict("job-description-exists",
                $"A job description with id '{id}' already exists in tenant '{caller.Tenant}' (see {location}{(won is null ? string.Empty : $"; created by '{won.By}' at {won.At:O}")}). Use a new jobDescriptionId.");
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                WorkflowNames.JobDescriptionOrchestrator,
                body with { JobDescriptionId = key },
                new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = instanceId },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await claims.ReleaseAsync(key, "create", CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        logger.LogInformation("Job description {JobDescriptionId} drafting started (instance {InstanceId}).", id, instanceId);
        return Results.Json(new JobDescriptionAccepted(id, instanceId, JobDescriptionStatus.Drafting, location), ApiJson.Options, statusCode: StatusCodes.Status202Accepted)
            .WithLocation(request.HttpContext, location);
    }

    /// <summary>GET /api/job-descriptions/{id} (Reader): status, round and every drafted version with its findings; 404 for another tenant's.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (ApiCaller.Key(caller, id) is not { } key)
        {
            return ApiProblems.NotFound("job description", id);
        }

        var instance = await client.GetInstanceAsync(WorkflowInstanceIds.JobDescription(key), getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        var record = await store.GetJobDescriptionAsync(key, cancellationToken).ConfigureAwait(false);
        if (instance is null && record is null)
        {
            return ApiProblems.NotFound("job description", id);
        }

        var progress = ScreeningApi.ReadCustomStatus<JobDescriptionProgress>(instance);
        return Results.Json(
            new JobDescriptionStatusResponse(
                id,
                CurrentStatus(instance, progress, record),
                instance?.RuntimeStatus.ToString(),
                instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed
                    ? instance.FailureDetails?.ErrorMessage ?? "The drafting orchestration failed without a recorded cause; see the host's log."
                    : null,
                progress?.Round,
                progress?.MaxRounds,
                progress?.Version ?? record?.Versions.LastOrDefault()?.Version,
                record?.ApprovedVersion,
                record?.ApprovedBy,
                record?.ApprovedAt,
                record?.Versions ?? [],
                Location(id) + "/review"),
            ApiJson.Options);
    }

    /// <summary>
    /// POST /api/job-descriptions/{id}/review (Reviewer): approve the current draft or ask for a revision with comments.
    /// The reviewer is the signed-in caller; the review names the draft version it decides on (409 stale-version for any other), and the first decision on a version wins (others 409 naming who and when).
    /// </summary>
    public async Task<IResult> ReviewAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (ApiCaller.Key(caller, id) is not { } key)
        {
            return ApiProblems.NotFound("job description", id);
        }

        var (body, problem) = await ApiJson.ReadAsync<ReviewBody<JobDescriptionReviewDecision>>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var received = body!;
        var errors = ReviewChecks.Check(received, caller);
        if (received.Version is not > 0)
        {
            errors.Add("version is missing: name the draft version you decide on (currentVersion of GET /api/job-descriptions/{id}).");
        }

        if (received.Releases is not null)
        {
            errors.Add("releases is not a field of a job description review: leave it out.");
        }

        if (received.Decision == JobDescriptionReviewDecision.Revise && (received.Comments is null || received.Comments.All(string.IsNullOrWhiteSpace)))
        {
            errors.Add("comments are required with Revise: say what to change.");
        }

        if (received.Comment is not null)
        {
            errors.Add("comment is not a field of a job description review: send comments (a list).");
        }

        FieldLimits.AddList(errors, "comments", received.Comments, FieldLimits.Comment, FieldLimits.Comments);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var instanceId = WorkflowInstanceIds.JobDescription(key);
        // Custom status (round, version, awaiting review) comes back only with inputs and outputs; a job description's are small.
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return ApiProblems.NotFound("job description", id);
        }

        var progress = ScreeningApi.ReadCustomStatus<JobDescriptionProgress>(instance);
        var awaiting = instance.RuntimeStatus == OrchestrationRuntimeStatus.Running && progress is { Status: JobDescriptionStatus.AwaitingReview, Version: not null };
        if (!awaiting)
        {
            // The decision's claim is written before the workflow hears of it, so a draft that is no longer awaiting
            // review because of a decision on the version this review names always finds that claim here (read after
            // the status): a loser racing the winner is told who decided, not only that nothing awaits review.
            var named = received.Version!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (await claims.GetAsync(key, "review-v" + named, cancellationToken).ConfigureAwait(false) is { } decided)
            {
                var now = CurrentStatus(instance, progress, await store.GetJobDescriptionAsync(key, cancellationToken).ConfigureAwait(false));
                return ApiCaller.AlreadyClaimed("already-reviewed", $"Version {named} of job description '{id}' was already decided", decided, now.ToString());
            }
        }

        if (!awaiting || progress is not { Version: { } current })
        {
            var record = await store.GetJobDescriptionAsync(key, cancellationToken).ConfigureAwait(false);
            var status = CurrentStatus(instance, progress, record);
            return ApiProblems.Conflict("not-awaiting-review", IsEnd(status)
                ? $"Job description '{id}' has ended ({status}): it takes no more reviews. Start a new job description to draft again."
                : $"Job description '{id}' is {status}, not awaiting review: wait until a draft is ready (status AwaitingReview).");
        }

        if (received.Version != current)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "stale-version", "The review names a version that is not awaiting review",
                $"version {received.Version} is not the draft awaiting review; the current version is {current}. Read version {current} (GET {Location(id)}) and review that.",
                new Dictionary<string, object?> { ["currentVersion"] = current });
        }

        // The first decision on a draft version wins (atomic first claim); a second reviewer of the same version gets 409
        // naming who decided and when. Claimed per version (not per round), after the stale-version check.
        var decision = received.Decision!.Value;
        var version = current.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var winner = await claims.TryClaimAsync(key, "review-v" + version, new FirstClaim(caller.Name, _clock.GetUtcNow(), decision.ToString()), cancellationToken).ConfigureAwait(false);
        if (winner is not null)
        {
            return ApiCaller.AlreadyClaimed("already-reviewed", $"Version {version} of job description '{id}' was already decided", winner);
        }

        var review = new JobDescriptionReview(decision, caller.Name, received.Comments, current);
        await client.RaiseEventAsync(instanceId, WorkflowNames.JobDescriptionReviewEvent, review, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Job description review ({Decision}) of version {Version} sent to {JobDescriptionId}.", review.Decision, current, id);
        var outcome = review.Decision == JobDescriptionReviewDecision.Approve ? JobDescriptionStatus.Approved
            : progress.Round >= progress.MaxRounds ? JobDescriptionStatus.RevisionLimitReached
            : JobDescriptionStatus.Drafting;
        return Results.Json(new JobDescriptionReviewAccepted(id, review.Decision, caller.Name, progress.Round, current, outcome, Location(id)), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static List<string> CheckLengths(JobDescriptionWorkflowRequest body)
    {
        var errors = new List<string>();
        FieldLimits.Add(errors, "correlationId", body.CorrelationId, FieldLimits.CorrelationId);
        if (body.Request is { } r)
        {
            FieldLimits.Add(errors, "request.title", r.Title, FieldLimits.Title);
            FieldLimits.Add(errors, "request.department", r.Department, FieldLimits.ShortText);
            FieldLimits.Add(errors, "request.location", r.Location, FieldLimits.ShortText);
            FieldLimits.Add(errors, "request.employmentType", r.EmploymentType, FieldLimits.ShortText);
            FieldLimits.Add(errors, "request.salaryRange", r.SalaryRange, FieldLimits.ShortText);
            FieldLimits.AddList(errors, "request.responsibilities", r.Responsibilities, FieldLimits.ListItem, FieldLimits.ListItems);
            FieldLimits.AddList(errors, "request.requirements", r.Requirements, FieldLimits.ListItem, FieldLimits.ListItems);
            FieldLimits.AddList(errors, "request.niceToHaves", r.NiceToHaves, FieldLimits.ListItem, FieldLimits.ListItems);
            FieldLimits.AddList(errors, "request.revisionComments", r.RevisionComments, FieldLimits.Comment, FieldLimits.Comments);
            if (r.PreviousDraft is not null)
            {
                errors.Add("request.previousDraft is set by the workflow: leave it out.");
            }
        }

        return errors;
    }

    /// <summary>While it runs, the orchestration's custom status is current; once it ended, the stored record (and the final custom status) are.</summary>
    private static JobDescriptionStatus CurrentStatus(OrchestrationMetadata? instance, JobDescriptionProgress? progress, JobDescriptionRecord? record)
    {
        if (instance is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            return progress?.Status ?? record?.Status ?? JobDescriptionStatus.Drafting;
        }

        // Ended: an end state from either source wins over a stale AwaitingReview.
        return new[] { record?.Status, progress?.Status }.FirstOrDefault(s => s is { } v && IsEnd(v))
            ?? record?.Status ?? progress?.Status ?? JobDescriptionStatus.Drafting;
    }

    private static bool IsEnd(JobDescriptionStatus status) =>
        status is JobDescriptionStatus.Approved or JobDescriptionStatus.Expired or JobDescriptionStatus.RevisionLimitReached or JobDescriptionStatus.Failed;

    private static string Location(string id) => "/" + ApiRoutes.GetJobDescription.Template.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
}
