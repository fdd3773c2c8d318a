namespace AiFunctions.Hosting.Management;

/// <summary><see cref="IUsageHistoryStore"/> in process (tests and the in-memory backend only).</summary>
public sealed class InMemoryUsageHistoryStore : IUsageHistoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Tenant, DateTimeOffset Hour, string Route, string Workflow, string Model, string Host), UsageBucket> _rows = [];

    public Task WriteAsync(IReadOnlyList<UsageBucket> buckets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        lock (_gate)
        {
            foreach (var b in buckets)
            {
                _rows[(b.Tenant, b.Hour, b.Route, b.Workflow, b.Model, b.Host)] = b;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UsageBucket>> ReadAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<UsageBucket>>([.. _rows.Values.Where(b => b.Tenant == tenant && b.Hour >= from && b.Hour < to)]);
        }
    }
}
