using AiFunctions.Events.DeadLetters;
using AiFunctions.Hosting.Lifecycle;
using AiFunctions.Workflows;
using AiFunctions.Workflows.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// Erasure of one candidate's personal data (GDPR art. 17), host-agnostic (docs/security.md, "Erasure"). Logs the
/// subject key and counts only, never the candidate id or a name.
/// </summary>
public sealed partial class ErasureApi(IScreeningStore store, ILogger<ErasureApi> logger, TimeProvider? clock = null, DeadLetterService? deadLetters = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// DELETE /api/candidates/{candidateId} (Submitter): erases the candidate's personal data from every batch of the
    /// caller's tenant (<see cref="IScreeningStore.EraseCandidateAsync"/>), purges the orchestration history of those
    /// batches that have finished (the batch instance and its chunk sub-orchestrations), records the erasure in the
    /// tenant's erasure log and answers 200 <see cref="CandidateErasureResponse"/>. Idempotent. 400 when the id breaks
    /// the id rule; transient storage trouble is 503 (ApiExceptions).
    /// </summary>
    public async Task<IResult> EraseCandidateAsync(HttpRequest request, string candidateId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (!ResourceIds.IsValid(candidateId))
        {
            return ApiProblems.Validation([$"candidateId is not a candidate id: use {ResourceIds.Rule}."]);
        }

        var erasure = await store.EraseCandidateAsync(caller.Tenant, candidateId, caller.Name, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        int purged = 0, running = 0;
        foreach (var batch in erasure.BatchIds)
        {
            var (instances, isRunning) = await BatchHistory.PurgeIfFinishedAsync(client, batch, cancellationToken).ConfigureAwait(false);
            purged += instances;
            running += isRunning ? 1 : 0;
        }

        // Dead-lettered events that name the candidate carry their name and resume: deleted too (docs/security.md).
        var deadLettersDeleted = deadLetters is null
            ? 0
            : await deadLetters.PurgeAsync(m => DeadLetterService.CarriesCandidate(m.Body, caller.Tenant, candidateId), cancellationToken).ConfigureAwait(false);

        erasure = erasure with { InstancesPurged = purged, DeadLettersDeleted = deadLettersDeleted };
        await store.RecordErasureAsync(erasure, cancellationToken).ConfigureAwait(false);
        LogErased(erasure.SubjectKey, erasure.BatchIds.Count, erasure.ResumesDeleted, erasure.ResultsErased, purged, running, deadLettersDeleted);
        var prefix = caller.Tenant + ".";
        return Results.Ok(new CandidateErasureResponse(
            erasure.SubjectKey,
            [.. erasure.BatchIds.Select(b => b.StartsWith(prefix, StringComparison.Ordinal) ? b[prefix.Length..] : b)],
            erasure.ResumesDeleted,
            erasure.ResultsErased,
            erasure.SelfIdentifiedRemoved,
            purged,
            running,
            erasure.At,
            deadLettersDeleted));
    }

    /// <summary>Default entries per page of <see cref="ListAsync"/>.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>
    /// GET /api/audits/erasures?pageSize=&amp;continuationToken= (Auditor): the caller's tenant's erasure log, newest first
    /// (<see cref="ErasureLogList"/>; <c>pageSize</c> 1-<see cref="RecordQuery.MaxPageSize"/>, default
    /// <see cref="DefaultPageSize"/>). 400 naming the parameter for a bad page size or a token this API did not issue.
    /// The tenant is the caller's; a token carries none.
    /// </summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var errors = new List<string>();
        var pageSize = ApiPaging.PageSize(request, DefaultPageSize, RecordQuery.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var token = request.Query["continuationToken"].ToString() is { Length: > 0 } t ? t : null;
        if (await ListingApi.ReadPageAsync(new RecordQuery(caller.Tenant, PageSize: pageSize, ContinuationToken: token), store.ListErasurePageAsync, cancellationToken).ConfigureAwait(false) is not { } page)
        {
            return ListingApi.BadToken();
        }

        var items = page.Items.Select(e => new ErasureLogEntry(
            e.SubjectKey ?? string.Empty,
            [.. (e.BatchIds ?? []).Select(b => ListingApi.OwnId(caller.Tenant, b) ?? b)],
            e.ResumesDeleted, e.ResultsErased, e.SelfIdentifiedRemoved, e.InstancesPurged, e.RequestedBy ?? string.Empty, e.At,
            e.Kind ?? CandidateErasureKinds.Erasure, e.Trigger ?? CandidateErasureKinds.Request, e.DeadLettersDeleted, e.DataKinds ?? [])).ToList();
        return Results.Json(new ErasureLogList(items, page.ContinuationToken, ApiPaging.NextUri(request, page.ContinuationToken)), ApiJson.Options);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Candidate erased (subject {SubjectKey}): {Batches} batch(es), {Resumes} resume(s) deleted, {Results} result(s) erased, {Purged} instance(s) purged, {Running} batch(es) still running, {DeadLetters} dead letter(s) deleted")]
    private partial void LogErased(string subjectKey, int batches, int resumes, int results, int purged, int running, int deadLetters);
}
