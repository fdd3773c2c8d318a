using AiFunctions.Kernel.Accounting;

namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// The <see cref="IUsageLedger"/> every instance shares (and that survives restarts): each record is added to the
/// shared per-dimension totals; reads return what all instances have recorded.
/// </summary>
internal sealed class SharedUsageLedger(IKernelSharedState state) : IUsageLedger
{
    private const string TotalDimension = "total";

    public CallUsage Total => state.ReadUsage(TotalDimension).TryGetValue("*", out var t) ? ToUsage(t) : CallUsage.None;

    public void Record(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var usage = record.Usage;
        state.AddUsage(
        [
            (TotalDimension, "*"),
            (nameof(UsageDimension.Route), record.Route),
            (nameof(UsageDimension.Target), record.Target),
            (nameof(UsageDimension.Tenant), record.Tenant),
            (nameof(UsageDimension.Workflow), record.Workflow),
            (nameof(UsageDimension.Model), record.Model),
        ], usage.InputTokens, usage.OutputTokens, usage.CachedInputTokens, usage.Cost, usage.Currency);
    }

    public IReadOnlyDictionary<string, CallUsage> TotalsBy(UsageDimension dimension) =>
        state.ReadUsage(dimension.ToString()).ToDictionary(kv => kv.Key, kv => ToUsage(kv.Value), StringComparer.Ordinal);

    private static CallUsage ToUsage((long Input, long Output, long Cached, decimal Cost, string Currency) t) =>
        new(t.Input, t.Output, t.Cached, t.Cost, t.Currency);
}
