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
            new { batchId = body.BatchId, instanceId, status = ScreeningBatchStatus.Accepted, total = body.Candidates.Count, statusUri = location, resultsUri = location + "/results" },
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
            new
            {
                batchId = id,
                status,
                runtimeStatus = instance?.RuntimeStatus.ToString(),
                failure = instance?.FailureDetails?.ErrorMessage,
                progress = new { done = screened + failed, total, screened, failed },
                shortlist = batch?.Shortlist?.Select(s => s.CandidateId),
                createdAt = batch?.CreatedAt ?? instance?.CreatedAt,
                updatedAt = batch?.UpdatedAt ?? instance?.LastUpdatedAt,
                resultsUri = location + "/results",
                reviewUri = location + "/review",
            },
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
            .Concat(BatchNotices.Of(results, batch.Shortlist))
            .ToArray();
        return Results.Json(
            new
            {
                batchId = id,
                status = batch.Status,
                progress = batch.Progress is { } p ? new { done = p.Done, total = p.Total, screened = p.Screened, failed = p.Failed } : null,
                requisition = new { batch.Requisition.RequisitionId, batch.Requisition.Title },
                shortlist = batch.Shortlist,
                results,
                decisionTrail = trail,
                notices,
            },
            ApiJson.Options);
    }

    /// <summary>POST /api/screenings/{id}/review: approves or rejects the shortlist of a batch awaiting review.</summary>
    public async Task<IResult> ReviewAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!WorkflowInstanceIds.IsValidId(id))
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var (body, problem) = await ApiJson.ReadAsync<ReviewBody<ReviewDecision>>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var received = body!;
        var errors = ReviewChecks.Check(received);

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

        var results = await store.GetResultsAsync(id, cancellationToken).ConfigureAwait(false);
        if (received.Decision == ReviewDecision.ReleaseHeld)
        {
            var held = results.Where(r => r.Hold is { IsActive: true }).Select(r => r.CandidateId).ToHashSet(StringComparer.Ordinal);
            var releaseErrors = new List<string>();
            if (received.Releases is not { Count: > 0 })
            {
                releaseErrors.Add("releases is missing: with decision ReleaseHeld, list the held candidates to release as [{\"candidateId\": \"...\", \"comment\": \"why\"}].");
            }

            foreach (var (release, i) in (received.Releases ?? []).Select((r, i) => (r, i)))
            {
                if (release is null || string.IsNullOrWhiteSpace(release.CandidateId) || !held.Contains(release.CandidateId))
                {
                    releaseErrors.Add($"releases[{i}].candidateId '{release?.CandidateId}' is not a held candidate of batch '{id}': use one of the ids whose result has an active hold ({held.Count} held).");
                }
                else if (string.IsNullOrWhiteSpace(release.Comment))
                {
                    releaseErrors.Add($"releases[{i}].comment is missing: say why the reviewer releases '{release.CandidateId}' (recorded in the decision trail).");
                }
            }

            if (releaseErrors.Count > 0)
            {
                return ApiProblems.Validation(releaseErrors);
            }
        }
        else if (received.Decision == ReviewDecision.Approve && !results.Any(r => r.IsRankable))
        {
            return ApiProblems.Conflict("nothing-to-approve",
                $"Screening batch '{id}' has no screened, rankable candidate ({results.Count(r => r.Status == CandidateResultStatus.Failed)} failed, {results.Count(IsHeld)} held): release held candidates (decision ReleaseHeld) or reject the batch.");
        }

        var review = new ShortlistReviewDecision(received.Decision!.Value, received.Reviewer!, received.Comment, received.Releases);
        await client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, review, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Shortlist review ({Decision}) sent to screening batch {BatchId}.", review.Decision, id);
        return Results.Json(new { batchId = id, decision = review.Decision, statusUri = StatusLocation(id) }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static bool IsHeld(CandidateResult result) => result.Hold is { IsActive: true };

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
