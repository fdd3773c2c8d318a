namespace AiFunctions.Workflows.Screening;

/// <summary>Input of <see cref="ScreeningChunkOrchestrator"/>: candidate ids only, so the chunk's history stays small.</summary>
public sealed record ScreeningChunkInput(
    string BatchId,
    string Tenant,
    int ChunkIndex,
    IReadOnlyList<string> CandidateIds,
    int CandidatesInFlight,
    int CandidateAttempts,
    TimeSpan FirstRetryInterval,
    string CorrelationId);

/// <summary>Output of <see cref="ScreeningChunkOrchestrator"/>.</summary>
public sealed record ScreeningChunkResult(int ChunkIndex, int Screened, int Failed, int MustHavesMet);
