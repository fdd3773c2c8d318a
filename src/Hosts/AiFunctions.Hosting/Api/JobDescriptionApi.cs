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
        return Results.Json(new { jobDescriptionId = id, status = JobDescriptionStatus.Drafting, statusUri = location }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted)
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
            new
            {
                jobDescriptionId = id,
                // While it runs, the orchestration's custom status is current; once it ended, the stored record is.
                status = (instance is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending }
                    ? progress?.Status ?? record?.Status
                    : record?.Status ?? progress?.Status) ?? JobDescriptionStatus.Drafting,
                runtimeStatus = instance?.RuntimeStatus.ToString(),
                failure = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed
                    ? instance.FailureDetails?.ErrorMessage ?? "The drafting orchestration failed without a recorded cause; see the host's log."
                    : null,
                round = progress?.Round,
                maxRounds = progress?.MaxRounds,
                approvedVersion = record?.ApprovedVersion,
                approvedBy = record?.ApprovedBy,
                approvedAt = record?.ApprovedAt,
                versions = record?.Versions ?? [],
                reviewUri = Location(id) + "/review",
            },
            ApiJson.Options);
    }

    /// <summary>
    /// POST /api/job-descriptions/{id}/review (Reviewer): approve the current draft or ask for a revision with comments.
    /// The reviewer is the signed-in caller; the first decision of a round wins (others 409 naming who and when).
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
        // Custom status (round, awaiting review) comes back only with inputs and outputs; a job description's are small.
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return ApiProblems.NotFound("job description", id);
        }

        var progress = ScreeningApi.ReadCustomStatus<JobDescriptionProgress>(instance);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Running || progress?.Status != JobDescriptionStatus.AwaitingReview)
        {
            return ApiProblems.Conflict("not-awaiting-review",
                $"Job description '{id}' is {progress?.Status.ToString() ?? instance.RuntimeStatus.ToString()}, not awaiting review: wait until a draft is ready.");
        }

        var decision = received.Decision!.Value;
        var round = progress.Round.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var winner = await claims.TryClaimAsync(key, "review-" + round, new FirstClaim(caller.Name, _clock.GetUtcNow(), decision.ToString()), cancellationToken).ConfigureAwait(false);
        if (winner is not null)
        {
            return ApiCaller.AlreadyClaimed("already-reviewed", $"Round {round} of job description '{id}' was already decided", winner);
        }

        var review = new JobDescriptionReview(decision, caller.Name, received.Comments);
        await client.RaiseEventAsync(instanceId, WorkflowNames.JobDescriptionReviewEvent, review, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Job description review ({Decision}) sent to {JobDescriptionId}.", review.Decision, id);
        return Results.Json(new { jobDescriptionId = id, decision = review.Decision, reviewer = caller.Name, round = progress.Round, statusUri = Location(id) }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
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

    private static string Location(string id) => "/" + ApiRoutes.GetJobDescription.Template.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
}
