namespace AiFunctions.Workflows.Screening;

/// <summary>Input of <see cref="ScreeningChunkOrchestrator"/>: candidate ids only, so the chunk's history stays small.</summary>
/// <param name="CandidatesInFlight">Candidates being screened at once in this chunk.</param>
/// <param name="CandidatesPerActivity">Candidates per <c>ScreenCandidateGroupActivity</c>.</param>
/// <param name="ActivityStartBudget">See <see cref="ScreeningConcurrency.ActivityStartBudget"/>; null = its default.</param>
/// <param name="BatchAcceptedAt">When the batch was persisted (its record's CreatedAt): lets workers reuse a cached requisition safely.</param>
/// <param name="TransientRetryWindow">See <see cref="ScreeningConcurrency.TransientRetryWindow"/>; null = its default.</param>
/// <param name="RequiredScorer">Re-scoring: screen these candidates again on this scorer only (<see cref="Activities.ScreenCandidateGroupInput.RequiredScorer"/>).</param>
public sealed record ScreeningChunkInput(
    string BatchId,
    string Tenant,
    int ChunkIndex,
    IReadOnlyList<string> CandidateIds,
    int CandidatesInFlight,
    int CandidateAttempts,
    TimeSpan FirstRetryInterval,
    string CorrelationId,
    int CandidatesPerActivity,
    DateTimeOffset BatchAcceptedAt,
    TimeSpan? ActivityStartBudget = null,
    TimeSpan? TransientRetryWindow = null,
    string? RequiredScorer = null);

/// <summary>Output of <see cref="ScreeningChunkOrchestrator"/>.</summary>
/// <param name="Held">Screened candidates held for a reviewer.</param>
/// <param name="Scorers">The distinct scorers of the chunk's screened candidates.</param>
public sealed record ScreeningChunkResult(int ChunkIndex, int Screened, int Failed, int MustHavesMet, int Held = 0, IReadOnlyList<string>? Scorers = null);
