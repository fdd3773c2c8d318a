using System.Collections.Concurrent;

namespace AiFunctions.Workflows.Migration;

/// <summary><see cref="IReplayStore"/> in process memory (tests and the in-memory backend); same keys and upserts as <see cref="TableReplayStore"/>.</summary>
internal sealed class InMemoryReplayStore : IReplayStore
{
    private readonly ConcurrentDictionary<string, ReplayRecord> _replays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), ReplayCandidateResult> _candidates = new();

    public Task SaveAsync(ReplayRecord replay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replay);
        _replays[replay.ReplayId] = replay;
        return Task.CompletedTask;
    }

    public Task<ReplayRecord?> GetAsync(string replayId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_replays.GetValueOrDefault(replayId));

    public Task<IReadOnlyList<ReplayRecord>> ListUnfinishedAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReplayRecord>>(_replays.Values.Where(r => r.Status is ReplayStatus.Queued or ReplayStatus.Running).OrderBy(r => r.CreatedAt).ToArray());

    public Task UpsertCandidateAsync(ReplayCandidateResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        _candidates[(result.ReplayId, result.CandidateId)] = result;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, ReplayCandidateResult>> GetCandidatesAsync(string replayId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, ReplayCandidateResult>>(_candidates
            .Where(kv => kv.Key.Item1 == replayId)
            .ToDictionary(kv => kv.Key.Item2, kv => kv.Value, StringComparer.Ordinal));
}
