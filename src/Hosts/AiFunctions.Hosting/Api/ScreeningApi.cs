using System.Text.Json;
using AiFunctions.Workflows;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AiFunctions.Hosting.Security;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// The screening operations of the API, host-agnostic: each takes the request pieces and the host's
/// <see cref="DurableTaskClient"/> and returns the full HTTP result (status code, headers, body or problem-details).
/// Logs ids and counts only, never resume text or names.
/// </summary>
public sealed class ScreeningApi(IScreeningStore store, IFirstClaimStore claims, IOptions<ApiOptions> options, ILogger<ScreeningApi> logger, TimeProvider? clock = null, AiFunctions.Workflows.Fairness.ScreeningAuditor? auditor = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// POST /api/screenings (Submitter): validates the batch and schedules it in the caller's tenant; 202 with the
    /// status resource's Location. Single-winner per (tenant, batchId) across instances: the others get 409.
    /// </summary>
    public async Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var (submission, problem) = await ApiJson.ReadAsync<ScreeningSubmission>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (ApiCaller.CheckTenant(caller, submission!.Tenant) is { } tenantProblem)
        {
            return tenantProblem;
        }

        if (CheckSize(submission) is { } sizeProblem)
        {
            return sizeProblem;
        }

        // The tenant is the caller's; resumes arrive in the request or as the caller's own uploads (callers never name
        // a storage path: an upload id becomes the blob name the service built for it).
        var errors = new List<string>();
        var candidates = new CandidateSubmission[submission.Candidates.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            var input = submission.Candidates[i];
            if (input is null)
            {
                candidates[i] = null!;
                continue;
            }

            string? blobName = null;
            if (input.ResumeBlobName is not null && errors.Count < ApiProblems.MaxListedErrors)
            {
                errors.Add($"candidates[{i}].resumeBlobName is not accepted: callers do not name storage paths. Send resumeText, or upload the resume (POST {ApiRoutes.UploadResume.Pattern}) and send resumeUploadId.");
            }

            if (input.ResumeUploadId is { } uploadId)
            {
                if (!ResumeUploads.IsUploadId(uploadId))
                {
                    errors.Add($"candidates[{i}].resumeUploadId is not an upload id: send the uploadId POST {ApiRoutes.UploadResume.Pattern} answered.");
                }
                else
                {
                    blobName = ResumeUploads.BlobName(caller.Tenant, uploadId);
                }
            }

            if (ResourceIds.IsReserved(input.CandidateId))
            {
                errors.Add($"candidates[{i}].candidateId starts with '{ResumeUploads.IdPrefix}', which is reserved for ids the service issues: choose another id.");
            }

            candidates[i] = new CandidateSubmission(input.CandidateId, input.DisplayName, input.ResumeText, blobName, input.SelfIdentified);
        }

        var body = new ScreeningBatchRequest(submission.BatchId, caller.Tenant, submission.Requisition, candidates, submission.ReviewPolicy, submission.Version, submission.Concurrency, submission.CorrelationId);
        errors.AddRange(FieldLimits.Check(body));
        if (!ResourceIds.IsValid(body.BatchId) || ResourceIds.IsReserved(body.BatchId))
        {
            errors.Add($"batchId is missing or invalid: use {ResourceIds.Rule}, not starting with '{ResumeUploads.IdPrefix}'.");
        }

        errors.AddRange(ScreeningBatchRequestValidator.Validate(body));
        if (errors.Count == 0)
        {
            await CheckUploadsExistAsync(body, submission, errors, cancellationToken).ConfigureAwait(false);
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var batchId = body.BatchId;
        var key = ResourceIds.Scope(caller.Tenant, batchId);
        var instanceId = WorkflowInstanceIds.Screening(key);
        var location = StatusLocation(batchId);
        var won = await claims.TryClaimAsync(key, "create", new FirstClaim(caller.Name, _clock.GetUtcNow(), "created"), cancellationToken).ConfigureAwait(false);
        if (won is not null || await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            request.HttpContext.Response.Headers.Location = location;
            return ApiProblems.Conflict("batch-exists",
                $"A screening batch with id '{batchId}' already exists in tenant '{caller.Tenant}' (see {location}{(won is null ? string.Empty : $"; created by '{won.By}' at {won.At:O}")}). Use a new batchId for a new batch.");
        }

        try
        {
            // Resumes go to blob storage before scheduling: the orchestration input (kept in the history and reloaded
            // on every replay) then carries blob names the service built, not up to 10,000 resume texts.
            // Self-identified categories (bias audits) are stored apart and never enter the orchestration or a prompt.
            var selfIdentified = body.Candidates
                .Where(c => c.SelfIdentified is not null)
                .ToDictionary(c => c.CandidateId, c => c.SelfIdentified!, StringComparer.Ordinal);
            if (selfIdentified.Count > 0)
            {
                await store.PutSelfIdentifiedAsync(key, selfIdentified, cancellationToken).ConfigureAwait(false);
            }

            var scheduled = await store.OffloadResumesAsync(body with { BatchId = key, Candidates = body.Candidates.Select(c => c with { SelfIdentified = null }).ToArray() }, cancellationToken).ConfigureAwait(false);
            await client.ScheduleNewOrchestrationInstanceAsync(
                WorkflowNames.ScreeningBatchOrchestrator,
                scheduled,
                new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = instanceId },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nothing was started: let a retry of the same request win again.
            await claims.ReleaseAsync(key, "create", CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        logger.LogInformation("Screening batch {BatchId} accepted with {Count} candidates (instance {InstanceId}).", batchId, body.Candidates.Count, instanceId);
        return Results.Json(
            new ScreeningAccepted(batchId, instanceId, ScreeningBatchStatus.Accepted, body.Candidates.Count, location, location + "/results"),
            ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted)
            .WithLocation(request.HttpContext, location);
    }

    /// <summary>
    /// GET /api/screenings/{id} (Reader): where the caller's batch is, how many candidates are done, failed and held, its
    /// scorer(s) and any scorer change (re-scoring after a failover); 404 for another tenant's.
    /// </summary>
    public async Task<IResult> GetStatusAsync(HttpRequest request, string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (ApiCaller.Key(caller, id) is not { } key)
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var instance = await client.GetInstanceAsync(WorkflowInstanceIds.Screening(key), getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        var batch = await store.GetBatchAsync(key, includeProgress: true, cancellationToken).ConfigureAwait(false);
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
                instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed
                    ? instance.FailureDetails?.ErrorMessage ?? "The screening orchestration failed without a recorded cause; see the host's log for its instance id."
                    : null,
                new ScreeningProgressCounts(screened + failed, total, screened, failed, batch?.Progress?.Held ?? custom?.Held ?? 0),
                batch?.Shortlist?.Select(s => s.CandidateId).ToList(),
                batch?.CreatedAt ?? instance?.CreatedAt,
                batch?.UpdatedAt ?? instance?.LastUpdatedAt,
                location + "/results",
                location + "/review",
                batch?.Scorers ?? custom?.Scorers,
                batch?.ScorerChanges ?? custom?.ScorerChanges),
            ApiJson.Options);
    }

    /// <summary>GET /api/screenings/{id}/results (Reader): ranked results with evidence and provenance, and the decision trail.</summary>
    public async Task<IResult> GetResultsAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (ApiCaller.Key(caller, id) is not { } key)
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var batch = await store.GetBatchAsync(key, includeProgress: true, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var results = (await store.GetResultsAsync(key, cancellationToken).ConfigureAwait(false)).Select(r => r with { BatchId = id }).ToArray();
        var trail = await store.GetDecisionTrailAsync(key, cancellationToken).ConfigureAwait(false);
        trail = trail with { BatchId = id, Entries = trail.Entries.Select(e => e with { BatchId = id }).ToArray() };
        var notices = results
            .Select(r => r.Provenance)
            .OfType<Kernel.Functions.AiFunctionProvenance>()
            .Where(p => !p.Generative)
            .Select(p => $"Scored by provider instance '{p.ProviderInstance}' (plugin '{p.Plugin}' {p.PluginVersion}, model '{p.Model}'), which is not a generative model: its scores come from deterministic rules and are a baseline, not an LLM's judgement.")
            .Distinct()
            .Concat(BatchNotices.Of(results, batch.Shortlist))
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

    /// <summary>
    /// POST /api/screenings/{id}/review (Reviewer): approves or rejects the shortlist of a batch awaiting review. The
    /// reviewer is the signed-in caller (a body <c>reviewer</c> is refused); the first decision wins across instances,
    /// later or concurrent ones get 409 naming who decided and when.
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
            return ApiProblems.NotFound("screening batch", id);
        }

        var (body, problem) = await ApiJson.ReadAsync<ReviewBody<ReviewDecision>>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var received = body!;
        var errors = ReviewChecks.Check(received, caller);
        FieldLimits.Add(errors, "comment", received.Comment, FieldLimits.Comment);
        if (received.Comments is not null)
        {
            errors.Add("comments is not a field of a shortlist review: send one comment.");
        }

        if (received.Version is not null)
        {
            errors.Add("version is not a field of a shortlist review: leave it out (it belongs to job-description reviews).");
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var instanceId = WorkflowInstanceIds.Screening(key);
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        var batch = await store.GetBatchAsync(key, includeProgress: false, cancellationToken).ConfigureAwait(false);
        if (instance is null && batch is null)
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var decision = received.Decision!.Value;
        var status = batch?.Status ?? ReadCustomStatus<ScreeningProgress>(instance)?.Status;
        if (status != ScreeningBatchStatus.AwaitingReview || instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Running })
        {
            // The decision's claim is written before the workflow hears of it, so a status that has moved on because of a
            // decision always finds that claim here (read after the status): a loser racing the winner is told who won.
            if (decision != ReviewDecision.ReleaseHeld
                && await claims.GetAsync(key, "review", cancellationToken).ConfigureAwait(false) is { } decided)
            {
                return ApiCaller.AlreadyClaimed("already-reviewed", $"Screening batch '{id}' was already decided", decided, status?.ToString());
            }

            return ApiProblems.Conflict("not-awaiting-review",
                $"Screening batch '{id}' is {status?.ToString() ?? "starting"}, not awaiting review: a shortlist can be reviewed only once screening and ranking are done and before the batch is decided or expired.");
        }

        var results = await store.GetResultsAsync(key, cancellationToken).ConfigureAwait(false);
        if (decision == ReviewDecision.ReleaseHeld)
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
        else if (decision == ReviewDecision.Approve && !results.Any(r => r.IsRankable))
        {
            return ApiProblems.Conflict("nothing-to-approve",
                $"Screening batch '{id}' has no screened, rankable candidate ({results.Count(r => r.Status == CandidateResultStatus.Failed)} failed, {results.Count(IsHeld)} held): release held candidates (decision ReleaseHeld) or reject the batch.");
        }


        // Approve and Reject decide the batch: the first valid decision wins (atomic first claim). Releasing held
        // candidates does not decide the batch, so it does not take the claim.
        if (decision != ReviewDecision.ReleaseHeld)
        {
            var winner = await claims.TryClaimAsync(key, "review", new FirstClaim(caller.Name, _clock.GetUtcNow(), decision.ToString()), cancellationToken).ConfigureAwait(false);
            if (winner is not null)
            {
                return ApiCaller.AlreadyClaimed("already-reviewed", $"Screening batch '{id}' was already decided", winner);
            }
        }

        var review = new ShortlistReviewDecision(decision, caller.Name, received.Comment, received.Releases);
        await client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, review, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Shortlist review ({Decision}) sent to screening batch {BatchId}.", review.Decision, id);
        return Results.Json(new ShortlistReviewAccepted(id, review.Decision, caller.Name, StatusLocation(id)), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// POST /api/resumes (Submitter): stores one resume for the caller's tenant and answers 201 with the id a batch then
    /// references as <c>resumeUploadId</c>. The id is issued here; the blob name is built from tenant and id.
    /// </summary>
    public async Task<IResult> UploadResumeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var (body, problem) = await ApiJson.ReadAsync<ResumeUploadRequest>(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Text))
        {
            return ApiProblems.Validation(["text is missing: send the resume as text, markdown or HTML."]);
        }

        if (body.Text.Length > WorkflowLimits.MaxResumeChars)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "resume-too-large", "The resume is too large",
                $"text is {body.Text.Length} characters; the limit is {WorkflowLimits.MaxResumeChars} characters. Shorten it.",
                new Dictionary<string, object?> { ["limit"] = WorkflowLimits.MaxResumeChars, ["length"] = body.Text.Length });
        }

        var uploadId = ResumeUploads.NewId();
        await ResumeUploads.PutAsync(store, caller.Tenant, uploadId, body.Text, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Resume upload {UploadId} stored ({Characters} characters).", uploadId, body.Text.Length);
        return Results.Json(new ResumeUploadResponse(uploadId, body.Text.Length), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private async Task CheckUploadsExistAsync(ScreeningBatchRequest body, ScreeningSubmission submission, List<string> errors, CancellationToken cancellationToken)
    {
        var missing = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, body.Candidates.Count).Where(i => body.Candidates[i].ResumeBlobName is not null),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                if (await store.GetResumeAsync(body.Candidates[i].ResumeBlobName!, ct).ConfigureAwait(false) is null)
                {
                    missing.Add(i);
                }
            }).ConfigureAwait(false);
        foreach (var i in missing.Order().Take(ApiProblems.MaxListedErrors))
        {
            errors.Add($"candidates[{i}].resumeUploadId '{submission.Candidates[i].ResumeUploadId}' is not an upload of this tenant (or it was purged): upload the resume again.");
        }
    }

    /// <summary>
    /// GET /api/screenings/{id}/audit[?format=csv]: the batch's bias audit (docs/fairness.md) — the name-swap audit and
    /// the NYC Local Law 144 figures; JSON, or the figures as CSV.
    /// </summary>
    public async Task<IResult> GetAuditAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (ApiCaller.Key(caller, id) is not { } key || auditor is null)
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        var format = request.Query["format"].ToString();
        if (format.Length > 0 && format is not ("json" or "csv"))
        {
            return ApiProblems.Validation([$"format '{ApiPaging.Cut(format)}' is not supported: use format=json (default) or format=csv."]);
        }

        var report = await auditor.AuditAsync(key, id, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return ApiProblems.NotFound("screening batch", id);
        }

        logger.LogInformation("Bias audit of screening batch {BatchId}: {Pairs} name swaps changed {Changed}.", id, report.NameSwap.Sampled * report.NameSwap.NamesTried, report.NameSwap.Changed);
        return format == "csv"
            ? Results.Text(report.Figures.ToCsv(), "text/csv; charset=utf-8")
            : Results.Json(report, ApiJson.Options);
    }

    private static bool IsHeld(CandidateResult result) => result.Hold is { IsActive: true };

    private IResult? CheckSize(ScreeningSubmission body)
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
