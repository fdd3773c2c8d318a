namespace AiFunctions.Kernel.Shadowing;

/// <summary>
/// <see cref="IShadowPairStore"/> in process memory: the newest <see cref="Capacity"/> pairs per route (older ones are
/// dropped). Nothing survives the process. The kernel's default when no other store is registered.
/// </summary>
public sealed class InMemoryShadowPairStore : IShadowPairStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedList<ShadowPair>> _byRoute = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Pairs kept per route (default 10,000).</summary>
    public int Capacity { get; init; } = 10_000;

    public Task AddAsync(ShadowPair pair, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pair);
        lock (_lock)
        {
            if (!_byRoute.TryGetValue(pair.Route, out var pairs))
            {
                _byRoute[pair.Route] = pairs = new LinkedList<ShadowPair>();
            }

            if (pairs.Any(p => p.Id == pair.Id))
            {
                return Task.CompletedTask;
            }

            pairs.AddLast(pair);
            while (pairs.Count > Capacity)
            {
                pairs.RemoveFirst();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ShadowPair>> ListAsync(string route, DateTimeOffset? since = null, int max = 1000, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<ShadowPair> list = _byRoute.TryGetValue(route, out var pairs)
                ? pairs.Where(p => since is null || p.At >= since).OrderBy(p => p.At).Take(Math.Max(0, max)).ToArray()
                : [];
            return Task.FromResult(list);
        }
    }
}
