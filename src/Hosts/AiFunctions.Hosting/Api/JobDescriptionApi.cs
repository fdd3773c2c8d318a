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
        return Results.Json(new { jobDescriptionId = body.JobDescriptionId, instanceId, status = JobDescriptionStatus.Drafting, statusUri = location }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted)
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
            new
            {
                jobDescriptionId = id,
                // While it runs, the orchestration's custom status is current; once it ended, the stored record is.
                status = (instance is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending }
                    ? progress?.Status ?? record?.Status
                    : record?.Status ?? progress?.Status) ?? JobDescriptionStatus.Drafting,
                runtimeStatus = instance?.RuntimeStatus.ToString(),
                failure = instance?.FailureDetails?.ErrorMessage,
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

    /// <summary>POST /api/job-descriptions/{id}/review: approve the current draft or ask for a revision with comments.</summary>
    public async Task<IResult> ReviewAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!WorkflowInstanceIds.IsValidId(id))
        {
            return ApiProblems.NotFound("job description", id);
        }

        var (body, problem) = await ApiJson.ReadAsync<ReviewBody<JobDescriptionReviewDecision>>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var received = body!;
        var errors = ReviewChecks.Check(received);

        if (received.Decision == JobDescriptionReviewDecision.Revise && (received.Comments is null || received.Comments.All(string.IsNullOrWhiteSpace)))
        {
            errors.Add("comments are required with Revise: say what to change.");
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var instanceId = WorkflowInstanceIds.JobDescription(id);
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

        var review = new JobDescriptionReview(received.Decision!.Value, received.Reviewer!, received.Comments);
        await client.RaiseEventAsync(instanceId, WorkflowNames.JobDescriptionReviewEvent, review, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Job description review ({Decision}) sent to {JobDescriptionId}.", review.Decision, id);
        return Results.Json(new { jobDescriptionId = id, decision = review.Decision, statusUri = Location(id) }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static string Location(string id) => "/" + ApiRoutes.GetJobDescription.Template.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
}
