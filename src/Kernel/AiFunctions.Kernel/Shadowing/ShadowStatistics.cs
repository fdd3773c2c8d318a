namespace AiFunctions.Kernel.Shadowing;

/// <summary>
/// Counters of one route's shadow since start: calls sampled; of those, dropped because the queue was full, skipped
/// because the shadow budget was spent or the shadow target was over its rate limit, and the outcomes of those that ran
/// (valid, invalid, failed); pairs that could not be stored. Also published as
/// <c>aifunctions.kernel.shadow.calls</c> (tag <c>aifunctions.shadow.outcome</c>).
/// </summary>
public sealed record ShadowStatistics(
    string Route,
    string Target,
    long Sampled,
    long Dropped,
    long SkippedBudget,
    long SkippedRateLimit,
    long Valid,
    long Invalid,
    long Failed,
    long StoreFailures);
