namespace AiFunctions.Hosting.Management;

/// <summary>
/// Where hourly usage (<see cref="UsageBucket"/>) is kept so every host's usage and a restarted host's past usage can be
/// read: Table storage (<see cref="TableUsageHistoryStore"/>), or in memory (<see cref="InMemoryUsageHistoryStore"/>,
/// tests). Each host writes only its own rows (keyed by its host id), so writes never contend.
/// </summary>
public interface IUsageHistoryStore
{
    /// <summary>Writes (replaces) the given buckets of one host.</summary>
    Task WriteAsync(IReadOnlyList<UsageBucket> buckets, CancellationToken cancellationToken = default);

    /// <summary>Every host's buckets of <paramref name="tenant"/> whose hour starts in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<IReadOnlyList<UsageBucket>> ReadAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
