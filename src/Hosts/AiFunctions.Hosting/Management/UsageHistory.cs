using System.Globalization;
using AiFunctions.Kernel.Accounting;

namespace AiFunctions.Hosting.Management;

/// <summary>
/// The kernel's usage ledger with time: an <see cref="IUsageLedger"/> decorator (installed over whichever ledger the
/// kernel registered — in process, or shared in Redis) that also sums every booked provider response into UTC-hour
/// buckets per tenant, route, workflow and model, for <c>GET /api/manage/usage</c>. The buckets of this host are kept in
/// memory (48 hours) and written to <see cref="IUsageHistoryStore"/> by <see cref="UsageHistoryFlush"/>; readers take
/// this host's buckets from memory (current to the last call) and every other host's from the store (current to their
/// last flush). Recording is one dictionary update under a lock; nothing is awaited on the call path.
/// </summary>
public sealed class UsageHistory(IUsageLedger inner, TimeProvider time) : IUsageLedger
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(48);
    private readonly Lock _gate = new();
    private readonly Dictionary<Key, Totals> _buckets = [];
    private readonly HashSet<Key> _dirty = [];

    /// <summary>This process's id in stored rows: machine name and a random suffix (a restart writes new rows; nothing is overwritten).</summary>
    public string HostId { get; } = Sanitize(Environment.MachineName) + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The ledger this decorates (the kernel's totals).</summary>
    public IUsageLedger Inner => inner;

    public CallUsage Total => inner.Total;

    public IReadOnlyDictionary<string, CallUsage> TotalsBy(UsageDimension dimension) => inner.TotalsBy(dimension);

    public void Record(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        inner.Record(record);
        var now = time.GetUtcNow().UtcDateTime;
        var key = new Key(record.Tenant, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero), record.Route, record.Workflow, record.Model);
        lock (_gate)
        {
            if (!_buckets.TryGetValue(key, out var totals))
            {
                _buckets[key] = totals = new Totals();
            }

            totals.Add(record.Usage);
            _dirty.Add(key);
        }
    }

    /// <summary>This host's buckets of <paramref name="tenant"/> whose hour starts in [from, to).</summary>
    public IReadOnlyList<UsageBucket> Local(string tenant, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            return [.. _buckets.Where(b => b.Key.Tenant == tenant && b.Key.Hour >= from && b.Key.Hour < to).Select(b => ToBucket(b.Key, b.Value))];
        }
    }

    /// <summary>The oldest hour this host still holds in memory (older hours come from the store only).</summary>
    public DateTimeOffset HeldSince => time.GetUtcNow() - Retention;

    /// <summary>Buckets changed since the last call (cumulative values), and forgets old clean buckets.</summary>
    internal IReadOnlyList<UsageBucket> TakeChanged()
    {
        lock (_gate)
        {
            var changed = _dirty.Select(k => ToBucket(k, _buckets[k])).ToList();
            _dirty.Clear();
            var cutoff = HeldSince;
            foreach (var old in _buckets.Keys.Where(k => k.Hour < cutoff.AddHours(-1)).ToList())
            {
                _buckets.Remove(old);
            }

            return changed;
        }
    }

    /// <summary>Marks buckets as changed again after a failed write, so the next flush retries them.</summary>
    internal void Unwritten(IEnumerable<UsageBucket> buckets)
    {
        lock (_gate)
        {
            foreach (var b in buckets)
            {
                var key = new Key(b.Tenant, b.Hour, b.Route, b.Workflow, b.Model);
                if (_buckets.ContainsKey(key))
                {
                    _dirty.Add(key);
                }
            }
        }
    }

    private UsageBucket ToBucket(Key key, Totals t) =>
        new(key.Tenant, key.Hour, key.Route, key.Workflow, key.Model, HostId, t.Calls, t.Input, t.Output, t.Cached, t.Cost, t.Currency);

    private static string Sanitize(string name)
    {
        var clean = new string([.. name.Where(char.IsAsciiLetterOrDigit).Take(32)]);
        return clean.Length == 0 ? "host" : clean.ToLower(CultureInfo.InvariantCulture);
    }

    private readonly record struct Key(string Tenant, DateTimeOffset Hour, string Route, string Workflow, string Model);

    private sealed class Totals
    {
        public long Calls;
        public long Input;
        public long Output;
        public long Cached;
        public decimal Cost;
        public string Currency = CallUsage.None.Currency;

        public void Add(CallUsage usage)
        {
            Calls++;
            Input += usage.InputTokens;
            Output += usage.OutputTokens;
            Cached += usage.CachedInputTokens;
            if (Cost == 0m && usage.Cost != 0m)
            {
                Currency = usage.Currency;
            }

            Cost += usage.Cost;
        }
    }
}
