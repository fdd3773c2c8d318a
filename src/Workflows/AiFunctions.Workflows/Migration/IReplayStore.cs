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

    /// <summary>
    /// Claims the replay for <paramref name="owner"/> (one host process) until <paramref name="until"/>, so that an
    /// interrupted replay is resumed by one host, not by every host that starts: true when nobody else holds an unexpired
    /// claim (a claim whose time is past <paramref name="now"/> is free; the owner's own claim is renewed). Atomic across
    /// hosts (Table storage: an insert or an ETag-conditional update, so of two hosts racing for it exactly one wins).
    /// </summary>
    Task<bool> TryClaimAsync(string replayId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Gives up <paramref name="owner"/>'s claim on the replay; nothing when someone else holds it.</summary>
    Task ReleaseAsync(string replayId, string owner, CancellationToken cancellationToken = default);

    /// <summary>The replay's candidate results by candidate id.</summary>
    Task<IReadOnlyDictionary<string, ReplayCandidateResult>> GetCandidatesAsync(string replayId, CancellationToken cancellationToken = default);
}
