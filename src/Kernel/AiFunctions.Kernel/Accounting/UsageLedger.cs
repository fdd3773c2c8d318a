namespace AiFunctions.Kernel.Accounting;

/// <summary>
/// Thread-safe in-memory <see cref="IUsageLedger"/>: running totals per dimension value. Totals are mutable
/// accumulators under one lock (recording allocates nothing once a key exists); readers get snapshots.
/// </summary>
public sealed class UsageLedger : IUsageLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Totals>[] _byDimension =
        Enumerable.Range(0, Enum.GetValues<UsageDimension>().Length).Select(_ => new Dictionary<string, Totals>(StringComparer.Ordinal)).ToArray();
    private readonly Totals _total = new();

    public CallUsage Total
    {
        get
        {
            lock (_lock)
            {
                return _total.ToUsage();
            }
        }
    }

    public void Record(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var usage = record.Usage;
        lock (_lock)
        {
            _total.Add(usage);
            AddTo(UsageDimension.Route, record.Route, usage);
            AddTo(UsageDimension.Target, record.Target, usage);
            AddTo(UsageDimension.Tenant, record.Tenant, usage);
            AddTo(UsageDimension.Workflow, record.Workflow, usage);
            AddTo(UsageDimension.Model, record.Model, usage);
        }
    }

    public IReadOnlyDictionary<string, CallUsage> TotalsBy(UsageDimension dimension)
    {
        lock (_lock)
        {
            return _byDimension[(int)dimension].ToDictionary(kv => kv.Key, kv => kv.Value.ToUsage(), StringComparer.Ordinal);
        }
    }

    /// <summary>Sums two usages; the currency of the first non-zero cost wins (configure one currency for all prices).</summary>
    public static CallUsage Add(CallUsage a, CallUsage b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(
            a.InputTokens + b.InputTokens,
            a.OutputTokens + b.OutputTokens,
            a.CachedInputTokens + b.CachedInputTokens,
            a.Cost + b.Cost,
            a.Cost != 0m || b.Cost == 0m ? a.Currency : b.Currency);
    }

    private void AddTo(UsageDimension dimension, string key, CallUsage usage)
    {
        var map = _byDimension[(int)dimension];
        if (!map.TryGetValue(key, out var totals))
        {
            map[key] = totals = new Totals();
        }

        totals.Add(usage);
    }

    private sealed class Totals
    {
        private long _input;
        private long _output;
        private long _cached;
        private decimal _cost;
        private string _currency = CallUsage.None.Currency;

        public void Add(CallUsage usage)
        {
            _input += usage.InputTokens;
            _output += usage.OutputTokens;
            _cached += usage.CachedInputTokens;
            if (_cost == 0m && usage.Cost != 0m)
            {
                _currency = usage.Currency;
            }

            _cost += usage.Cost;
        }

        public CallUsage ToUsage() => new(_input, _output, _cached, _cost, _currency);
    }
}
