namespace AiFunctions.Hosting.Api;

/// <summary>
/// The answer of <c>DELETE /api/candidates/{candidateId}</c>: what was erased, with no personal data (the candidate is
/// named by <paramref name="SubjectKey"/> only). Counts are 0 on a repeated call: erasure is idempotent.
/// </summary>
/// <param name="SubjectKey">SHA-256 (64 hex digits) over <c>{tenant}\n{candidateId}</c>: what the erasure log keeps instead of the id.</param>
/// <param name="Batches">Batch ids (as the caller knows them) the candidate was found in.</param>
/// <param name="ResumesDeleted">Resume blobs deleted.</param>
/// <param name="ResultsErased">Results whose name, evidence, rationale and concerns were removed (the result stays as <c>Failed</c>, error "Erased…").</param>
/// <param name="SelfIdentifiedRemoved">Batches whose self-identified categories of the candidate were removed.</param>
/// <param name="InstancesPurged">Orchestration instances (batch and chunks) whose history was purged.</param>
/// <param name="BatchesStillRunning">Batches not finished yet: their orchestration history (which holds the display name) is purged by a later erasure call or the retention purge once they end.</param>
/// <param name="At">When the erasure ran (UTC).</param>
/// <param name="DeadLettersDeleted">Dead-lettered Service Bus messages of the caller's tenant that named the candidate (and so may hold their name and resume), deleted; 0 without a Service Bus side.</param>
public sealed record CandidateErasureResponse(
    string SubjectKey,
    IReadOnlyList<string> Batches,
    int ResumesDeleted,
    int ResultsErased,
    int SelfIdentifiedRemoved,
    int InstancesPurged,
    int BatchesStillRunning,
    DateTimeOffset At,
    int DeadLettersDeleted = 0);
