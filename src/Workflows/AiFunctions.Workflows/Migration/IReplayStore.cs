namespace AiFunctions.Workflows.Migration;

/// <summary>
/// Where replays and their per-candidate results are kept, apart from the screening store (a replay never writes a
/// batch's results). Implementations: <see cref="TableReplayStore"/> (Azure Table storage) and
/// <see cref="InMemoryReplayStore"/> (tests and the in-memory backend). Every write is an upsert under a
/// deterministic key. Holds numbers and flags only: no resume text, names or answer text.
/// </summary>
public interface IReplayStore
{
    /// <summary>Upserts the replay's record.</summary>
    Task SaveAsync(ReplayRecord replay, CancellationToken cancellationToken = default);

    /// <summary>The replay, or null.</summary>
    Task<ReplayRecord?> GetAsync(string replayId, CancellationToken cancellationToken = default);

    /// <summary>Replays still Queued or Running (resumed when a host starts).</summary>
    Task<IReadOnlyList<ReplayRecord>> ListUnfinishedAsync(CancellationToken cancellationToken = default);

    /// <summary>Upserts one candidate's result, keyed by replay id + candidate id.</summary>
    Task UpsertCandidateAsync(ReplayCandidateResult result, CancellationToken cancellationToken = default);

    /// <summary>The replay's candidate results by candidate id.</summary>
    Task<IReadOnlyDictionary<string, ReplayCandidateResult>> GetCandidatesAsync(string replayId, CancellationToken cancellationToken = default);
}
