using System.Collections.Concurrent;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Workflows.Storage;

/// <summary>
/// <see cref="IScreeningStore"/> in process memory, for tests and the in-memory backend. Same keys and upsert
/// semantics as <see cref="TableScreeningStore"/>; nothing survives the process.
/// </summary>
internal sealed class InMemoryScreeningStore(TimeProvider? time = null) : IScreeningStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _resumeWritten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ScreeningBatchRecord> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Batch, string Candidate), CandidateRecord> _candidates = new();
    private readonly ConcurrentDictionary<string, string> _resumes = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<string, Fairness.SelfIdentifiedCategories>> _selfIdentified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Batch, string Candidate), CandidateResult> _results = new();
    private readonly ConcurrentDictionary<(string Batch, int Sequence), DecisionTrailEntry> _decisions = new();
    private readonly ConcurrentDictionary<string, JobDescriptionRecord> _jobDescriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Id, int Version), JobDescriptionVersion> _versions = new();
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<CandidateErasure> _erasures = new();

    public Task<CandidateErasure> EraseCandidateAsync(string tenant, string candidateId, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var prefix = StorageKeys.TenantPartitions(tenant).From;
        int resumes = 0, results = 0, selfIdentified = 0;
        var batches = new List<string>();
        foreach (var key in _candidates.Keys.Where(k => k.Candidate == candidateId && k.Batch.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(k => k.Batch, StringComparer.Ordinal).ToList())
        {
            batches.Add(key.Batch);
            var candidate = _candidates[key];
            if (candidate.ResumeBlobName is { } blob && _resumes.TryRemove(blob, out _))
            {
                _resumeWritten.TryRemove(blob, out _);
                resumes++;
            }

            _candidates[key] = candidate with { DisplayName = CandidateErasure.ErasedMarker };
            if (_results.TryGetValue(key, out var result) && result.DisplayName != CandidateErasure.ErasedMarker)
            {
                _results[key] = StorageKeys.Erased(result);
                results++;
            }

            if (_selfIdentified.TryGetValue(key.Batch, out var categories))
            {
                lock (categories)
                {
                    selfIdentified += categories.Remove(candidateId) ? 1 : 0;
                }
            }
        }

        return Task.FromResult(new CandidateErasure(tenant, CandidateErasure.SubjectKeyOf(tenant, candidateId), batches, resumes, results, selfIdentified, 0, requestedBy, at));
    }

    public Task RecordErasureAsync(CandidateErasure erasure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        _erasures.Enqueue(erasure);
        return Task.CompletedTask;
    }

    public Task<BatchDeletion> DeleteBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        var existed = _batches.TryRemove(batchId, out _);
        int resumes = 0, results = 0, decisions = 0;
        foreach (var key in _candidates.Keys.Where(k => k.Batch == batchId).ToList())
        {
            if (_candidates.TryRemove(key, out var candidate) && candidate.ResumeBlobName is { Length: > 0 } blob && _resumes.TryRemove(blob, out _))
            {
                _resumeWritten.TryRemove(blob, out _);
                resumes++;
            }
        }

        foreach (var key in _results.Keys.Where(k => k.Batch == batchId).ToList())
        {
            results += _results.TryRemove(key, out _) ? 1 : 0;
        }

        foreach (var key in _decisions.Keys.Where(k => k.Batch == batchId).ToList())
        {
            decisions += _decisions.TryRemove(key, out _) ? 1 : 0;
        }

        _selfIdentified.TryRemove(batchId, out _);
        return Task.FromResult(new BatchDeletion(existed, results, resumes, decisions));
    }

    public Task<IReadOnlyDictionary<string, int>> PurgeResumesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, written) in _resumeWritten.ToArray())
        {
            if (written < olderThan && _resumes.TryRemove(name, out _))
            {
                _resumeWritten.TryRemove(name, out _);
                var tenant = StorageKeys.TenantOfBlob(name);
                counts[tenant] = counts.GetValueOrDefault(tenant) + 1;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, int>>(counts);
    }

    public Task<RecordPage<CandidateErasure>> ListErasurePageAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Tenant);
        return Task.FromResult(Page(_erasures.Where(e => e.Tenant == query.Tenant).Reverse().ToArray(), query));
    }

    public Task SaveBatchAsync(ScreeningBatchRecord batch, IReadOnlyList<CandidateRecord> candidates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(candidates);
        foreach (var candidate in candidates)
        {
            // As the Table store: an erased candidate's record stays erased.
            if (!IsErased(candidate.BatchId, candidate.CandidateId))
            {
                _candidates[(candidate.BatchId, candidate.CandidateId)] = candidate;
            }
        }

        _batches[batch.BatchId] = batch with { Progress = null };
        return Task.CompletedTask;
    }

    public Task<ScreeningBatchRecord?> GetBatchAsync(string batchId, bool includeProgress = true, CancellationToken cancellationToken = default)
    {
        if (!_batches.TryGetValue(batchId, out var batch))
        {
            return Task.FromResult<ScreeningBatchRecord?>(null);
        }

        if (!includeProgress)
        {
            return Task.FromResult<ScreeningBatchRecord?>(batch);
        }

        var results = ResultsOf(batchId).ToArray();
        var progress = new BatchProgress(
            batch.Total,
            results.Count(r => r.Status == CandidateResultStatus.Screened),
            results.Count(r => r.Status == CandidateResultStatus.Failed),
            results.Count(r => r.Status == CandidateResultStatus.Screened && r.Hold is { IsActive: true }));
        var scorers = results.Where(r => r.Scorer is not null).Select(r => r.Scorer!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return Task.FromResult<ScreeningBatchRecord?>(batch with { Progress = progress, Scorers = scorers });
    }

    public Task RecordScorerChangeAsync(string batchId, ScorerChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (!_batches.TryGetValue(batchId, out var batch))
            {
                throw new InvalidOperationException($"Batch '{batchId}' is not stored: persist the batch before recording a scorer change.");
            }

            _batches[batchId] = batch with { ScorerChanges = [.. (batch.ScorerChanges ?? []).Where(c => c.Round != change.Round), change] };
        }

        return Task.CompletedTask;
    }

    public Task SetBatchStatusAsync(string batchId, ScreeningBatchStatus status, DateTimeOffset at, IReadOnlyList<ShortlistEntry>? shortlist = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_batches.TryGetValue(batchId, out var batch))
            {
                throw new InvalidOperationException($"Batch '{batchId}' is not stored: persist the batch before setting its status.");
            }

            _batches[batchId] = batch with { Status = status, UpdatedAt = at, Shortlist = shortlist ?? batch.Shortlist };
        }

        return Task.CompletedTask;
    }

    public Task<CandidateRecord?> GetCandidateAsync(string batchId, string candidateId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_candidates.TryGetValue((batchId, candidateId), out var candidate) ? candidate : null);

    public Task<IReadOnlyDictionary<string, CandidateRecord>> FindCandidatesAsync(string batchId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(_candidates, batchId, candidateIds));

    public Task<string> PutResumeAsync(string batchId, string candidateId, string resumeText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resumeText);
        var name = StorageKeys.ResumeBlobName(batchId, candidateId);
        _resumes[name] = resumeText;
        _resumeWritten[name] = _time.GetUtcNow();
        return Task.FromResult(name);
    }

    /// <summary>Every resume under its blob name, as <see cref="PutResumeAsync"/> (memory has no row limit to mind).</summary>
    public async Task<IReadOnlyList<string>> PutResumesAsync(string batchId, IReadOnlyList<KeyValuePair<string, string>> resumesByCandidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resumesByCandidate);
        var references = new string[resumesByCandidate.Count];
        for (var i = 0; i < references.Length; i++)
        {
            // As the Table store: an erased candidate's resume is not stored again (the reference reads as no resume).
            references[i] = IsErased(batchId, resumesByCandidate[i].Key)
                ? StorageKeys.ResumeBlobName(batchId, resumesByCandidate[i].Key)
                : await PutResumeAsync(batchId, resumesByCandidate[i].Key, resumesByCandidate[i].Value, cancellationToken).ConfigureAwait(false);
        }

        return references;
    }

    private bool IsErased(string batchId, string candidateId) =>
        _candidates.TryGetValue((batchId, candidateId), out var stored) && stored.DisplayName == CandidateErasure.ErasedMarker;

    public Task<string?> GetResumeAsync(string blobName, CancellationToken cancellationToken = default) =>
        Task.FromResult(_resumes.TryGetValue(blobName, out var text) ? text : null);

    public Task PutSelfIdentifiedAsync(string batchId, IReadOnlyDictionary<string, Fairness.SelfIdentifiedCategories> categories, CancellationToken cancellationToken = default)
    {
        _selfIdentified[batchId] = new Dictionary<string, Fairness.SelfIdentifiedCategories>(categories, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, Fairness.SelfIdentifiedCategories>> GetSelfIdentifiedAsync(string batchId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, Fairness.SelfIdentifiedCategories>>(_selfIdentified.TryGetValue(batchId, out var c) ? c : new Dictionary<string, Fairness.SelfIdentifiedCategories>());

    public Task UpsertResultAsync(CandidateResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        _results[(result.BatchId, result.CandidateId)] = result;
        return Task.CompletedTask;
    }

    public Task UpsertResultsAsync(IReadOnlyList<CandidateResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var result in results)
        {
            _results[(result.BatchId, result.CandidateId)] = result;
        }

        return Task.CompletedTask;
    }

    public Task<CandidateResult?> GetResultAsync(string batchId, string candidateId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_results.TryGetValue((batchId, candidateId), out var result) ? result : null);

    public Task<IReadOnlyDictionary<string, CandidateResult>> FindResultsAsync(string batchId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(_results, batchId, candidateIds));

    public Task<IReadOnlyList<CandidateResult>> GetResultsAsync(string batchId, CancellationToken cancellationToken = default) =>
        Task.FromResult(StorageKeys.OrderForReading(ResultsOf(batchId)));

    public Task RecordDecisionAsync(DecisionTrailEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _decisions[(entry.BatchId, entry.Sequence)] = entry;
        return Task.CompletedTask;
    }

    public Task<DecisionTrail> GetDecisionTrailAsync(string batchId, CancellationToken cancellationToken = default)
    {
        var entries = _decisions.Where(d => d.Key.Batch == batchId).Select(d => d.Value).OrderBy(e => e.Sequence).ToArray();
        return Task.FromResult(new DecisionTrail(batchId, entries, StorageKeys.ScoringOf(ResultsOf(batchId))));
    }

    public Task UpsertJobDescriptionVersionAsync(string tenant, JobDescriptionVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        lock (_gate)
        {
            _versions[(version.JobDescriptionId, version.Version)] = version;
            _jobDescriptions.TryAdd(
                version.JobDescriptionId,
                new JobDescriptionRecord(version.JobDescriptionId, tenant, JobDescriptionStatus.Drafting, null, null, null, version.CreatedAt, []));
        }

        return Task.CompletedTask;
    }

    public Task SetJobDescriptionStatusAsync(string jobDescriptionId, string tenant, JobDescriptionStatus status, DateTimeOffset at, int? approvedVersion = null, string? approvedBy = null, string? error = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _jobDescriptions.AddOrUpdate(
                jobDescriptionId,
                _ => new JobDescriptionRecord(jobDescriptionId, tenant, status, approvedVersion, approvedBy, approvedVersion is null ? null : at, at, [], error),
                (_, existing) => existing with
                {
                    Status = status,
                    UpdatedAt = at,
                    ApprovedVersion = approvedVersion ?? existing.ApprovedVersion,
                    ApprovedBy = approvedBy ?? existing.ApprovedBy,
                    ApprovedAt = approvedVersion is null ? existing.ApprovedAt : at,
                    Error = error,
                });
        }

        return Task.CompletedTask;
    }

    public Task<JobDescriptionRecord?> GetJobDescriptionAsync(string jobDescriptionId, CancellationToken cancellationToken = default)
    {
        if (!_jobDescriptions.TryGetValue(jobDescriptionId, out var record))
        {
            return Task.FromResult<JobDescriptionRecord?>(null);
        }

        var versions = _versions.Where(v => v.Key.Id == jobDescriptionId).Select(v => v.Value).OrderBy(v => v.Version).ToArray();
        return Task.FromResult<JobDescriptionRecord?>(record with { Versions = versions });
    }

    public Task<RecordPage<ScreeningBatchRecord>> ListBatchesAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = _batches.Values
            .Where(b => query.Tenant is null || b.Tenant == query.Tenant)
            .Where(b => query.Status is null || string.Equals(b.Status.ToString(), query.Status, StringComparison.OrdinalIgnoreCase))
            .Where(b => query.RequisitionId is null || b.Requisition.RequisitionId == query.RequisitionId)
            .Where(b => (query.UpdatedFrom is null || b.UpdatedAt >= query.UpdatedFrom) && (query.UpdatedTo is null || b.UpdatedAt < query.UpdatedTo))
            .OrderByDescending(b => b.UpdatedAt).ThenBy(b => b.BatchId, StringComparer.Ordinal);
        return Task.FromResult(Page(rows, query));
    }

    public Task<RecordPage<JobDescriptionRecord>> ListJobDescriptionsAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = _jobDescriptions.Values
            .Where(j => query.Tenant is null || j.Tenant == query.Tenant)
            .Where(j => query.Status is null || string.Equals(j.Status.ToString(), query.Status, StringComparison.OrdinalIgnoreCase))
            .Where(j => (query.UpdatedFrom is null || j.UpdatedAt >= query.UpdatedFrom) && (query.UpdatedTo is null || j.UpdatedAt < query.UpdatedTo))
            .Select(j => j with { Versions = [] })
            .OrderByDescending(j => j.UpdatedAt).ThenBy(j => j.JobDescriptionId, StringComparer.Ordinal);
        return Task.FromResult(Page(rows, query));
    }

    /// <summary>An offset page; the token is the offset of the next page.</summary>
    private static RecordPage<T> Page<T>(IEnumerable<T> ordered, RecordQuery query)
    {
        var offset = 0;
        if (query.ContinuationToken is { } token && !int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset))
        {
            throw new ArgumentException($"The continuation token is not an offset this store issued.", nameof(RecordQuery.ContinuationToken));
        }

        var size = Math.Clamp(query.PageSize, 1, RecordQuery.MaxPageSize);
        var page = ordered.Skip(offset).Take(size + 1).ToList();
        return page.Count > size
            ? new RecordPage<T>(page[..size], (offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : new RecordPage<T>(page, null);
    }

    private static IReadOnlyDictionary<string, T> Find<T>(ConcurrentDictionary<(string Batch, string Candidate), T> rows, string batchId, IReadOnlyCollection<string> candidateIds)
    {
        ArgumentNullException.ThrowIfNull(candidateIds);
        var found = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var id in candidateIds)
        {
            if (rows.TryGetValue((batchId, id), out var row))
            {
                found[id] = row;
            }
        }

        return found;
    }

    private IEnumerable<CandidateResult> ResultsOf(string batchId) =>
        _results.Where(r => r.Key.Batch == batchId).Select(r => r.Value);
}
