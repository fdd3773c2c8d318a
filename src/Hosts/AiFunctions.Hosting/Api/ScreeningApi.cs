using System.Text.Json;
using AiFunctions.Workflows;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// The screening operations of the API, host-agnostic: each takes the request pieces and the host's
/// <see cref="DurableTaskClient"/> and returns the full HTTP result (status code, headers, body or problem-details).
/// Logs ids and counts only, never resume text or names.
/// </summary>
public sealed class ScreeningApi(IScreeningStore store, IOptions<ApiOptions> options, ILogger<ScreeningApi> logger)
{
    /// <summary>POST /api/screenings: validates the batch and schedules it; 202 with the status resource's Location.</summary>
    public async Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiJson.ReadAsync<ScreeningBatchRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (CheckSize(body!) is { } sizeProblem)
        {
            return sizeProblem;
        }

        var errors = ScreeningBatchRequestValidator.Validate(body);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var instanceId = WorkflowInstanceIds.Screening(body!.BatchId);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        var location = StatusLocation(body.BatchId);
        if (existing is not null)
        {
            request.HttpContext.Response.Headers.Location = location;
            return ApiProblems.Conflict("batch-exists", $"A screening batch with id '{body.BatchId}' already exists (see {location}). Use a new batchId for a new batch.");
        }

        // Resumes go to blob storage before scheduling: the orchestration input (kept in the history and reloaded on
        // every replay) then carries blob names, not up to 10,000 resume texts.
        var scheduled = await store.OffloadResumesAsync(body, cancellationToken).ConfigureAwait(false);
        await client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.ScreeningBatchOrchestrator,
            scheduled,
            new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = instanceId },
            cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Screening batch {BatchId} accepted with {Count} candidates (instance {InstanceId}).", body.BatchId, body.Candidates.Count, instanceId);
        return Results.Json(
            new ScreeningAccepted(body.BatchId, instanceId, ScreeningBatchStatus.Accepted, body.Candidates.Count, location, location + "/results"),
            ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted)
            .WithLocation(request.HttpContext, location);
    }

    /// <summary>GET /api/screenings/{id}: where the batch is and how many candidates are done.</summary>
    public async Task<IResult> GetStatusAsync(string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!WorkflowInstanceIds.IsValidId(id))
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var instance = await client.GetInstanceAsync(WorkflowInstanceIds.Screening(id), getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        var batch = await store.GetBatchAsync(id, includeProgress: true, cancellationToken).ConfigureAwait(false);
        if (instance is null && batch is null)
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var custom = ReadCustomStatus<ScreeningProgress>(instance);
        var total = batch?.Total ?? custom?.Total ?? 0;
        var screened = batch?.Progress?.Screened ?? Math.Max(0, (custom?.Done ?? 0) - (custom?.Failed ?? 0));
        var failed = batch?.Progress?.Failed ?? custom?.Failed ?? 0;
        var status = batch?.Status ?? custom?.Status ?? ScreeningBatchStatus.Accepted;
        var location = StatusLocation(id);
        return Results.Json(
            new ScreeningStatusResponse(
                id,
                status,
                instance?.RuntimeStatus.ToString(),
                instance?.FailureDetails?.ErrorMessage,
                new ScreeningProgressCounts(screened + failed, total, screened, failed),
                batch?.Shortlist?.Select(s => s.CandidateId).ToList(),
                batch?.CreatedAt ?? instance?.CreatedAt,
                batch?.UpdatedAt ?? instance?.LastUpdatedAt,
                location + "/results",
                location + "/review"),
            ApiJson.Options);
    }

    /// <summary>GET /api/screenings/{id}/results: ranked results with evidence and provenance, and the decision trail.</summary>
    public async Task<IResult> GetResultsAsync(string id, CancellationToken cancellationToken)
    {
        if (!WorkflowInstanceIds.IsValidId(id))
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var batch = await store.GetBatchAsync(id, includeProgress: true, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var results = await store.GetResultsAsync(id, cancellationToken).ConfigureAwait(false);
        var trail = await store.GetDecisionTrailAsync(id, cancellationToken).ConfigureAwait(false);
        var notices = results
            .Select(r => r.Provenance)
            .OfType<Kernel.Functions.AiFunctionProvenance>()
            .Where(p => !p.Generative)
            .Select(p => $"Scored by provider instance '{p.ProviderInstance}' (plugin '{p.Plugin}' {p.PluginVersion}, model '{p.Model}'), which is not a generative model: its scores come from deterministic rules and are a baseline, not an LLM's judgement.")
            .Distinct()
            .ToArray();
        return Results.Json(
            new ScreeningResultsResponse(
                id,
                batch.Status,
                batch.Progress is { } p ? new ScreeningProgressCounts(p.Done, p.Total, p.Screened, p.Failed) : null,
                new RequisitionSummary(batch.Requisition.RequisitionId, batch.Requisition.Title),
                batch.Shortlist,
                results,
                trail,
                notices),
            ApiJson.Options);
    }

    /// <summary>POST /api/screenings/{id}/review: approves or rejects the shortlist of a batch awaiting review.</summary>
    public async Task<IResult> ReviewAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!WorkflowInstanceIds.IsValidId(id))
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var (body, problem) = await ApiJson.ReadAsync<ShortlistReviewRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var received = body!;
        var errors = ReviewChecks.Check(received.Decision, received.Reviewer);

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var instanceId = WorkflowInstanceIds.Screening(id);
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        var batch = await store.GetBatchAsync(id, includeProgress: false, cancellationToken).ConfigureAwait(false);
        if (instance is null && batch is null)
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var status = batch?.Status ?? ReadCustomStatus<ScreeningProgress>(instance)?.Status;
        if (status != ScreeningBatchStatus.AwaitingReview || instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Running })
        {
            return ApiProblems.Conflict("not-awaiting-review",
                $"Screening batch '{id}' is {status?.ToString() ?? "starting"}, not awaiting review: a shortlist can be reviewed only once screening and ranking are done and before the batch is decided or expired.");
        }

        var review = new ShortlistReviewDecision(received.Decision!.Value, received.Reviewer!, received.Comment);
        await client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, review, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Shortlist review ({Decision}) sent to screening batch {BatchId}.", review.Decision, id);
        return Results.Json(new ShortlistReviewAccepted(id, review.Decision, StatusLocation(id)), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private IResult? CheckSize(ScreeningBatchRequest body)
    {
        var limits = options.Value;
        var maxBatch = Math.Min(limits.MaxCandidatesPerBatch, WorkflowLimits.MaxCandidatesPerBatch);
        var maxResume = Math.Min(limits.MaxResumeCharacters, WorkflowLimits.MaxInlineResumeChars);
        var candidates = body.Candidates;
        if (candidates is null || candidates.Count == 0)
        {
            return ApiProblems.EmptyBatch();
        }

        if (candidates.Count > maxBatch)
        {
            return ApiProblems.BatchTooLarge(candidates.Count, maxBatch);
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i]?.ResumeText is { } text && text.Length > maxResume)
            {
                return ApiProblems.ResumeTooLarge(i, text.Length, maxResume);
            }
        }

        return null;
    }

    internal static T? ReadCustomStatus<T>(OrchestrationMetadata? instance)
        where T : class
    {
        if (instance?.SerializedCustomStatus is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, ApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string StatusLocation(string batchId) => "/" + ApiRoutes.GetScreening.Template.Replace("{id}", Uri.EscapeDataString(batchId), StringComparison.Ordinal);
}
