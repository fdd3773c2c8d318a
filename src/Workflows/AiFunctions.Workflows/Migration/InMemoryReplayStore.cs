using System.Collections.Concurrent;

namespace AiFunctions.Workflows.Migration;

/// <summary><see cref="IReplayStore"/> in process memory (tests and the in-memory backend); same keys and upserts as <see cref="TableReplayStore"/>.</summary>
internal sealed class InMemoryReplayStore : IReplayStore
{
    private readonly ConcurrentDictionary<string, ReplayRecord> _replays = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), ReplayCandidateResult> _candidates = new();
    private readonly Dictionary<string, (string Owner, DateTimeOffset Until)> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _starts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _cancels = new(StringComparer.Ordinal);

    public Task RequestCancelAsync(string replayId, CancellationToken cancellationToken = default)
    {
        _cancels.TryAdd(replayId, 0);
        return Task.CompletedTask;
    }

    public Task<bool> IsCancelRequestedAsync(string replayId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_cancels.ContainsKey(replayId));
    private readonly Lock _gate = new();

    public Task<ReplayStart> CreateAsync(ReplayRecord replay, string startKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentException.ThrowIfNullOrEmpty(startKey);
        lock (_gate)
        {
            if (_starts.TryGetValue(startKey, out var held) && _replays.GetValueOrDefault(held) is { Status: ReplayStatus.Queued or ReplayStatus.Running } unfinished)
            {
                return Task.FromResult(new ReplayStart(unfinished, false));
            }

            _starts[startKey] = replay.ReplayId;
            _replays[replay.ReplayId] = replay;
            return Task.FromResult(new ReplayStart(replay, true));
        }
    }

    public Task<bool> TryClaimAsync(string replayId, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_claims.TryGetValue(replayId, out var claim) && claim.Owner != owner && claim.Until > now)
            {
                return Task.FromResult(false);
            }

            _claims[replayId] = (owner, until);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string replayId, string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_claims.TryGetValue(replayId, out var claim) && claim.Owner == owner)
            {
                _claims.Remove(replayId);
            }
        }

        return Task.CompletedTask;
    }

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
