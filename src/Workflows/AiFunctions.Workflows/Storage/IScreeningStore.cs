using AiFunctions.Workflows.Screening;

namespace AiFunctions.Workflows.Storage;

/// <summary>
/// Where the workflows keep batches, resumes, results, rankings, decision trails and job descriptions. Every write is
/// an upsert under a deterministic key, so activities (at-least-once) can repeat it safely. Implementations:
/// <see cref="TableScreeningStore"/> (Azure Table + Blob storage) and <see cref="InMemoryScreeningStore"/> (tests).
/// Resumes and names live only here: never log what this store returns.
/// </summary>
public interface IScreeningStore
{
    // Batches and candidates

    /// <summary>
    /// Upserts the batch record and its candidate records (keyed by batch id, and batch id + candidate id). Candidate
    /// rows are merged: a resume kept in the row by <see cref="PutResumesAsync"/> stays.
    /// </summary>
    Task SaveBatchAsync(ScreeningBatchRecord batch, IReadOnlyList<CandidateRecord> candidates, CancellationToken cancellationToken = default);

    /// <summary>
    /// The batch, or null. With <paramref name="includeProgress"/> (the API's status view), its
    /// <see cref="ScreeningBatchRecord.Progress"/> is counted from the stored results (one partition scan).
    /// </summary>
    Task<ScreeningBatchRecord?> GetBatchAsync(string batchId, bool includeProgress = true, CancellationToken cancellationToken = default);

    /// <summary>Sets the batch's status (and the shortlist, when given).</summary>
    Task SetBatchStatusAsync(string batchId, ScreeningBatchStatus status, DateTimeOffset at, IReadOnlyList<ShortlistEntry>? shortlist = null, CancellationToken cancellationToken = default);

    /// <summary>Adds a scorer change to the batch record, replacing one of the same round (idempotent).</summary>
    Task RecordScorerChangeAsync(string batchId, ScorerChange change, CancellationToken cancellationToken = default);

    Task<CandidateRecord?> GetCandidateAsync(string batchId, string candidateId, CancellationToken cancellationToken = default);

    /// <summary>The stored records of <paramref name="candidateIds"/> (one batch), keyed by candidate id; ids not stored are absent. Few round trips for a small group.</summary>
    Task<IReadOnlyDictionary<string, CandidateRecord>> FindCandidatesAsync(string batchId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken = default);

    // Resumes

    /// <summary>Stores a resume (overwriting) and returns its blob name "{batchId}/{candidateId}.txt".</summary>
    Task<string> PutResumeAsync(string batchId, string candidateId, string resumeText, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the resumes of candidates of batch <paramref name="batchId"/> (overwriting) in as few round trips as the
    /// store allows, before the batch is saved, and returns each one's reference for
    /// <see cref="CandidateRecord.ResumeBlobName"/>, in the order given. The Table store keeps a resume of at most 30,000
    /// characters in the candidate's row ("row:{batch}/{candidate}"; up to 100 rows per entity group transaction, then
    /// read with the record by <see cref="FindCandidatesAsync"/>), a larger one as a blob; a save of the batch keeps it
    /// (<see cref="SaveBatchAsync"/> merges candidate rows).
    /// </summary>
    Task<IReadOnlyList<string>> PutResumesAsync(string batchId, IReadOnlyList<KeyValuePair<string, string>> resumesByCandidate, CancellationToken cancellationToken = default);

    /// <summary>The resume stored under <paramref name="blobName"/> (a blob name or a "row:" reference), or null when there is none.</summary>
    Task<string?> GetResumeAsync(string blobName, CancellationToken cancellationToken = default);

    // Self-identified categories (bias audits only; docs/fairness.md)

    /// <summary>
    /// Stores the candidates' voluntary self-identified categories of a batch, apart from candidate records, results and
    /// the orchestration input (one document per batch, overwritten). Never read by screening or ranking.
    /// </summary>
    Task PutSelfIdentifiedAsync(string batchId, IReadOnlyDictionary<string, Fairness.SelfIdentifiedCategories> categories, CancellationToken cancellationToken = default);

    /// <summary>The batch's self-identified categories by candidate id; empty when none were given.</summary>
    Task<IReadOnlyDictionary<string, Fairness.SelfIdentifiedCategories>> GetSelfIdentifiedAsync(string batchId, CancellationToken cancellationToken = default);

    // Results

    /// <summary>Upserts a candidate's result keyed by batch id + candidate id.</summary>
    Task UpsertResultAsync(CandidateResult result, CancellationToken cancellationToken = default);

    /// <summary>Upserts many results of one batch (e.g. after ranking) in as few round trips as the store allows.</summary>
    Task UpsertResultsAsync(IReadOnlyList<CandidateResult> results, CancellationToken cancellationToken = default);

    Task<CandidateResult?> GetResultAsync(string batchId, string candidateId, CancellationToken cancellationToken = default);

    /// <summary>The stored results of <paramref name="candidateIds"/> (one batch), keyed by candidate id; ids without a result are absent. Few round trips for a small group.</summary>
    Task<IReadOnlyDictionary<string, CandidateResult>> FindResultsAsync(string batchId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken = default);

    /// <summary>All results of a batch, ranked ones first by rank, then the rest by candidate id.</summary>
    Task<IReadOnlyList<CandidateResult>> GetResultsAsync(string batchId, CancellationToken cancellationToken = default);

    // Decision trail

    /// <summary>Upserts a decision trail entry keyed by batch id + sequence.</summary>
    Task RecordDecisionAsync(DecisionTrailEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The entries in sequence order and the scoring provenance of every screened candidate.</summary>
    Task<DecisionTrail> GetDecisionTrailAsync(string batchId, CancellationToken cancellationToken = default);

    // Job descriptions

    /// <summary>Upserts one drafted version keyed by job description id + version.</summary>
    Task UpsertJobDescriptionVersionAsync(string tenant, JobDescriptionVersion version, CancellationToken cancellationToken = default);

    /// <summary>Sets the job description's status (and its approval, when approved).</summary>
    Task SetJobDescriptionStatusAsync(string jobDescriptionId, string tenant, Drafting.JobDescriptionStatus status, DateTimeOffset at, int? approvedVersion = null, string? approvedBy = null, string? error = null, CancellationToken cancellationToken = default);

    /// <summary>The job description with all its versions in order, or null.</summary>
    Task<JobDescriptionRecord?> GetJobDescriptionAsync(string jobDescriptionId, CancellationToken cancellationToken = default);

    /// <summary>Batches matching <paramref name="query"/>, one page (without progress; read a batch for that).</summary>
    Task<RecordPage<ScreeningBatchRecord>> ListBatchesAsync(RecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Job descriptions matching <paramref name="query"/> (its requisition filter does not apply), one page, without versions.</summary>
    Task<RecordPage<JobDescriptionRecord>> ListJobDescriptionsAsync(RecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the personal data of candidate <paramref name="candidateId"/> from every batch of <paramref name="tenant"/>
    /// (batch ids stored as <c>{tenant}.{batchId}</c>): deletes the resume blob, replaces the display name in the candidate
    /// record with <see cref="CandidateErasure.ErasedMarker"/>, replaces the result by one without personal content
    /// (status Failed, error "Erased…", no assessment, flags or hold; provenance, which names no one, is kept), deletes an
    /// offloaded result payload and removes the candidate's self-identified categories. Idempotent: a second call finds
    /// nothing left to delete and reports zeros. Returns what it did (<see cref="CandidateErasure.InstancesPurged"/> = 0:
    /// the caller purges orchestration history and then records the erasure with <see cref="RecordErasureAsync"/>).
    /// </summary>
    Task<CandidateErasure> EraseCandidateAsync(string tenant, string candidateId, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Appends <paramref name="erasure"/> (no personal data) to its tenant's erasure log.</summary>
    Task RecordErasureAsync(CandidateErasure erasure, CancellationToken cancellationToken = default);

    // Retention (docs/security.md, "Retention")

    /// <summary>
    /// Deletes every record of batch <paramref name="batchId"/> (stored, tenant-scoped id): the batch row, its candidate
    /// records, results (and offloaded payloads), decision trail, self-identified categories and the candidates' resume
    /// blobs. Idempotent: a batch already deleted reports zeros.
    /// </summary>
    Task<BatchDeletion> DeleteBatchAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the resumes (inline, offloaded, uploaded; not the self-identified categories) last written before
    /// <paramref name="olderThan"/>, and returns how many per tenant (the part of the blob name before the first '.').
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> PurgeResumesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the erasure log of <see cref="RecordQuery.Tenant"/> (required), newest first, at most
    /// <see cref="RecordQuery.PageSize"/> entries (its other filters do not apply). Records are read tolerantly: fields
    /// this version does not know are ignored, so entries written by a newer writer (e.g. retention purges) list too. A
    /// continuation token the store did not issue is an <see cref="ArgumentException"/> naming
    /// <see cref="RecordQuery.ContinuationToken"/>.
    /// </summary>
    Task<RecordPage<CandidateErasure>> ListErasurePageAsync(RecordQuery query, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IScreeningStore.DeleteBatchAsync"/> deleted (counts only).</summary>
/// <param name="Existed">Whether the batch row was still there.</param>
/// <param name="Results">Result rows deleted.</param>
/// <param name="Resumes">Resume blobs deleted.</param>
/// <param name="DecisionEntries">Decision-trail entries deleted.</param>
public sealed record BatchDeletion(bool Existed, int Results, int Resumes, int DecisionEntries);
