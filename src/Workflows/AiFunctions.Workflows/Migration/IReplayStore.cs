namespace AiFunctions.Workflows.Migration;

/// <summary>
/// Where replays and their per-candidate results are kept, apart from the screening store (a replay never writes a
/// batch's results). Implementations: <see cref="TableReplayStore"/> (Azure Table storage) and
/// <see cref="InMemoryReplayStore"/> (tests and the in-memory backend). Every write is an upsert under a
/// deterministic key. Holds numbers and flags only: no resume text, names or answer text.
/// </summary>
public interface IReplayStore
{
    /// <summary>
    /// Creates <paramref name="replay"/> unless a replay created under the same <paramref name="startKey"/> (what is
    /// replayed on which target, <see cref="ReplayStartKeys"/>) is still Queued or Running: then that one is returned and
    /// nothing is written. Race-free across hosts: of concurrent creations under one key exactly one creates (Table
    /// storage: the start row and the record in one entity-group transaction, the start row inserted or replaced on its
    /// ETag; memory: a lock). Once the replay under a key has ended, the next creation under it creates a new one.
    /// </summary>
    Task<ReplayStart> CreateAsync(ReplayRecord replay, string startKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that an operator asked to stop the replay (a marker of its own, so the running host's progress writes
    /// cannot overwrite it). Idempotent.
    /// </summary>
    Task RequestCancelAsync(string replayId, CancellationToken cancellationToken = default);

    /// <summary>True once <see cref="RequestCancelAsync"/> was called for the replay.</summary>
    Task<bool> IsCancelRequestedAsync(string replayId, CancellationToken cancellationToken = default);

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

/// <summary>What <see cref="IReplayStore.CreateAsync"/> did: <paramref name="Created"/> false when <paramref name="Replay"/> is the unfinished replay that was already there.</summary>
public sealed record ReplayStart(ReplayRecord Replay, bool Created);

/// <summary>The start keys of replays: the same work on the same target is the same key (a target is compared ignoring case).</summary>
public static class ReplayStartKeys
{
    /// <summary>A screening replay: the batch's tenant-scoped key and the target.</summary>
    public static string Screening(string batchKey, string target) => Key("screening", batchKey, target);

    /// <summary>A drafting replay: the tenant, the job description ids in ordinal order and the target.</summary>
    public static string Drafting(string tenant, IEnumerable<string> jobDescriptionIds, string target) =>
        Key("drafting", tenant + "\n" + string.Join(",", jobDescriptionIds.Order(StringComparer.Ordinal)), target);

    private static string Key(string kind, string subject, string target)
    {
        var text = string.Join("\n", kind, subject, target.ToUpperInvariant());
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }
}
