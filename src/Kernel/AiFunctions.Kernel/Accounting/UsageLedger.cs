namespace AiFunctions.Kernel.Accounting;

/// <summary>Thread-safe in-memory <see cref="IUsageLedger"/>: running totals per dimension value.</summary>
public sealed class UsageLedger : IUsageLedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CallUsage>[] _byDimension =
        Enumerable.Range(0, Enum.GetValues<UsageDimension>().Length).Select(_ => new Dictionary<string, CallUsage>(StringComparer.Ordinal)).ToArray();
    private CallUsage _total = CallUsage.None;

    public CallUsage Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public void Record(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            _total = Add(_total, record.Usage);
            AddTo(UsageDimension.Route, record.Route, record.Usage);
            AddTo(UsageDimension.Target, record.Target, record.Usage);
            AddTo(UsageDimension.Tenant, record.Tenant, record.Usage);
            AddTo(UsageDimension.Workflow, record.Workflow, record.Usage);
            AddTo(UsageDimension.Model, record.Model, record.Usage);
        }
    }

    public IReadOnlyDictionary<string, CallUsage> TotalsBy(UsageDimension dimension)
    {
        lock (_lock)
        {
            return new Dictionary<string, CallUsage>(_byDimension[(int)dimension], StringComparer.Ordinal);
        }
    }

    /// <summary>Sums two usages; the currency of the first non-zero cost wins (configure one currency for all prices).</summary>
    public static CallUsage Add(CallUsage a, CallUsage b) => new(
        a.InputTokens + b.InputTokens,
        a.OutputTokens + b.OutputTokens,
        a.CachedInputTokens + b.CachedInputTokens,
        a.Cost + b.Cost,
        a.Cost != 0m || b.Cost == 0m ? a.Currency : b.Currency);

    private void AddTo(UsageDimension dimension, string key, CallUsage usage)
    {
        var map = _byDimension[(int)dimension];
        map[key] = map.TryGetValue(key, out var existing) ? Add(existing, usage) : usage;
    }
}
