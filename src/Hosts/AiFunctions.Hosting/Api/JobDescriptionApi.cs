using AiFunctions.Workflows;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Hosting.Api;

/// <summary>The job description operations of the API (draft, read, approve or revise), host-agnostic.</summary>
public sealed class JobDescriptionApi(IScreeningStore store, ILogger<JobDescriptionApi> logger)
{
    /// <summary>POST /api/job-descriptions: starts drafting; 202 with the resource's Location.</summary>
    public async Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiJson.ReadAsync<JobDescriptionWorkflowRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = JobDescriptionWorkflowRequestValidator.Validate(body);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var instanceId = WorkflowInstanceIds.JobDescription(body!.JobDescriptionId);
        var location = Location(body.JobDescriptionId);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            request.HttpContext.Response.Headers.Location = location;
            return ApiProblems.Conflict("job-description-exists", $"A job description with id '{body.JobDescriptionId}' already exists (see {location}). Use a new jobDescriptionId.");
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.JobDescriptionOrchestrator,
            body,
            new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = instanceId },
            cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Job description {JobDescriptionId} drafting started (instance {InstanceId}).", body.JobDescriptionId, instanceId);
        return Results.Json(new JobDescriptionAccepted(body.JobDescriptionId, instanceId, JobDescriptionStatus.Drafting, location), ApiJson.Options, statusCode: StatusCodes.Status202Accepted)
            .WithLocation(request.HttpContext, location);
    }

    /// <summary>GET /api/job-descriptions/{id}: status, round and every drafted version with its findings.</summary>
    public async Task<IResult> GetAsync(string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!WorkflowInstanceIds.IsValidId(id))
        {
            return ApiProblems.NotFound("job description", id);
        }

        var instance = await client.GetInstanceAsync(WorkflowInstanceIds.JobDescription(id), getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        var record = await store.GetJobDescriptionAsync(id, cancellationToken).ConfigureAwait(false);
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
                instance?.FailureDetails?.ErrorMessage,
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

    /// <summary>POST /api/job-descriptions/{id}/review: approve the current draft or ask for a revision with comments.</summary>
    public async Task<IResult> ReviewAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!WorkflowInstanceIds.IsValidId(id))
        {
            return ApiProblems.NotFound("job description", id);
        }

        var (body, problem) = await ApiJson.ReadAsync<JobDescriptionReviewRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var received = body!;
        var errors = ReviewChecks.Check(received.Decision, received.Reviewer);
        if (received.Version is not > 0)
        {
            errors.Add("version is missing: name the draft version you decide on (currentVersion of GET /api/job-descriptions/{id}).");
        }

        if (received.Decision == JobDescriptionReviewDecision.Revise && (received.Comments is null || received.Comments.All(string.IsNullOrWhiteSpace)))
        {
            errors.Add("comments are required with Revise: say what to change.");
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var instanceId = WorkflowInstanceIds.JobDescription(id);
        // Custom status (round, version, awaiting review) comes back only with inputs and outputs; a job description's are small.
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return ApiProblems.NotFound("job description", id);
        }

        var progress = ScreeningApi.ReadCustomStatus<JobDescriptionProgress>(instance);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Running || progress is not { Status: JobDescriptionStatus.AwaitingReview, Version: { } current })
        {
            var record = await store.GetJobDescriptionAsync(id, cancellationToken).ConfigureAwait(false);
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

        var review = new JobDescriptionReview(received.Decision!.Value, received.Reviewer!, received.Comments, current);
        await client.RaiseEventAsync(instanceId, WorkflowNames.JobDescriptionReviewEvent, review, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Job description review ({Decision}) of version {Version} sent to {JobDescriptionId}.", review.Decision, current, id);
        var outcome = review.Decision == JobDescriptionReviewDecision.Approve ? JobDescriptionStatus.Approved
            : progress.Round >= progress.MaxRounds ? JobDescriptionStatus.RevisionLimitReached
            : JobDescriptionStatus.Drafting;
        return Results.Json(new JobDescriptionReviewAccepted(id, review.Decision, current, outcome, Location(id)), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
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
        status is JobDescriptionStatus.Approved or JobDescriptionStatus.Expired or JobDescriptionStatus.RevisionLimitReached;

    private static string Location(string id) => "/" + ApiRoutes.GetJobDescription.Template.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
}
