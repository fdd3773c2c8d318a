namespace AiFunctions.Hosting.Api;

/// <summary>Answer of <c>GET /api/audits/erasures</c>: one page of the caller's tenant's erasure log, newest first.</summary>
/// <param name="Items">The entries of this page.</param>
/// <param name="ContinuationToken">Pass it back as <c>continuationToken</c> for the next page; null on the last page.</param>
/// <param name="NextUri">The next page's address (this request with the token); null on the last page.</param>
public sealed record ErasureLogList(IReadOnlyList<ErasureLogEntry> Items, string? ContinuationToken, string? NextUri);

/// <summary>
/// One entry of a tenant's erasure log (table <c>{prefix}Erasures</c>): what an erasure did, by whom and when, with no
/// personal data — the candidate is named only by <paramref name="SubjectKey"/>, so an auditor shows that a given candidate
/// was erased by hashing <c>{tenant}\n{candidateId}</c> again (SHA-256, lower-case hex) and finding the key here.
/// </summary>
/// <param name="SubjectKey">SHA-256 (64 hex digits) over <c>{tenant}\n{candidateId}</c>.</param>
/// <param name="Batches">Batch ids (as the tenant knows them) the erasure touched.</param>
/// <param name="ResumesDeleted">Resume blobs deleted.</param>
/// <param name="ResultsErased">Results whose personal content was removed.</param>
/// <param name="SelfIdentifiedRemoved">Batches whose self-identified categories of the candidate were removed.</param>
/// <param name="InstancesPurged">Orchestration instances whose history was purged.</param>
/// <param name="RequestedBy">The principal that asked for the erasure (its name), as recorded.</param>
/// <param name="At">When the erasure ran (UTC).</param>
/// <param name="Kind"><c>erasure</c> (one candidate; <paramref name="SubjectKey"/> set) or <c>retention-purge</c> (the scheduled purge of data past its retention; <paramref name="SubjectKey"/> empty). Entries written before kinds existed read as <c>erasure</c>.</param>
/// <param name="Trigger"><c>request</c> (an API call by <paramref name="RequestedBy"/>) or <c>schedule</c> (the retention schedule).</param>
/// <param name="DeadLettersDeleted">Dead-lettered messages deleted (they named the candidate, or were past their retention).</param>
/// <param name="DataKinds">Retention purge: the data kinds purged (<c>resumes</c>, <c>results</c>, <c>orchestration-history</c>, <c>dead-letters</c>); empty for an erasure. Values of kind and trigger: <see cref="CandidateErasureKinds"/>.</param>
public sealed record ErasureLogEntry(
    string SubjectKey,
    IReadOnlyList<string> Batches,
    int ResumesDeleted,
    int ResultsErased,
    int SelfIdentifiedRemoved,
    int InstancesPurged,
    string RequestedBy,
    DateTimeOffset At,
    string Kind = CandidateErasureKinds.Erasure,
    string Trigger = CandidateErasureKinds.Request,
    int DeadLettersDeleted = 0,
    IReadOnlyList<string>? DataKinds = null);

/// <summary>The values of <see cref="ErasureLogEntry.Kind"/> and <see cref="ErasureLogEntry.Trigger"/> (as <see cref="AiFunctions.Workflows.Storage.CandidateErasure"/> records them).</summary>
public static class CandidateErasureKinds
{
    /// <summary>One candidate's erasure (DELETE /api/candidates/{candidateId}).</summary>
    public const string Erasure = AiFunctions.Workflows.Storage.CandidateErasure.KindErasure;

    /// <summary>A scheduled retention purge (AiFunctions:Retention): <c>subjectKey</c> is empty, the counts are what it deleted.</summary>
    public const string RetentionPurge = AiFunctions.Workflows.Storage.CandidateErasure.KindRetentionPurge;

    /// <summary>Trigger of an API call.</summary>
    public const string Request = AiFunctions.Workflows.Storage.CandidateErasure.TriggerRequest;

    /// <summary>Trigger of the retention schedule.</summary>
    public const string Schedule = AiFunctions.Workflows.Storage.CandidateErasure.TriggerSchedule;
}
