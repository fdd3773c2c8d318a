namespace AiFunctions.Hosting.Management;

/// <summary>
/// A tenant's hourly usage across the deployment: this host's buckets from memory (<see cref="UsageHistory"/>, up to the
/// last call) and every other host's from <see cref="IUsageHistoryStore"/> (up to their last flush). This host's stored
/// rows of an hour it still holds are older copies of the ones in memory and are left out.
/// </summary>
public sealed class UsageReader(UsageHistory history, IUsageHistoryStore store)
{
    /// <summary>Buckets of <paramref name="tenant"/> whose hour starts in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<UsageBucket>> ReadAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(tenant, from, to, cancellationToken).ConfigureAwait(false);
        var local = history.Local(tenant, from, to);
        var localHours = local.Select(b => b.Hour).ToHashSet();
        return [.. stored.Where(b => b.Host != history.HostId || !localHours.Contains(b.Hour)), .. local];
    }
}
