using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// The custom status <see cref="ScreeningBatchOrchestrator"/> sets after each step and each finished chunk
/// (read it from the orchestration metadata's SerializedCustomStatus). Finer-grained progress (per candidate) comes
/// from <see cref="Storage.IScreeningStore.GetBatchAsync"/>.
/// </summary>
/// <param name="Held">Screened candidates held for a reviewer (not ranked until released).</param>
/// <param name="Scorers">The scorers (<see cref="ScreeningScorer.Key"/>) of the screened candidates; after ranking, the ranking's one scorer.</param>
/// <param name="ScorerChanges">Each time a failover changed the batch's scorer and candidates were re-scored.</param>
public sealed record ScreeningProgress(
    ScreeningBatchStatus Status,
    int Total,
    int Done,
    int Failed,
    int ChunksDone,
    int ChunksTotal,
    int Held = 0,
    IReadOnlyList<string>? Scorers = null,
    IReadOnlyList<ScorerChange>? ScorerChanges = null);

/// <summary>
/// A scorer change of a batch (docs/fairness.md, one scorer per batch): in re-score round <paramref name="Round"/>, the
/// candidates scored by <paramref name="From"/> were re-scored on <paramref name="To"/> under <paramref name="Policy"/>.
/// </summary>
/// <param name="Candidates">How many candidates were sent to be re-scored.</param>
/// <param name="At">Orchestration time the re-scoring started.</param>
public sealed record ScorerChange(int Round, IReadOnlyList<string> From, string To, ScorerChangePolicy Policy, int Candidates, DateTimeOffset At);

/// <summary>Where a batch is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScreeningBatchStatus>))]
public enum ScreeningBatchStatus
{
    Accepted,
    Screening,
    Ranking,
    AwaitingReview,
    Approved,
    Rejected,
    Expired,
}
