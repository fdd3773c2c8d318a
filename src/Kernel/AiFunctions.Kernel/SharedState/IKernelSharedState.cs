namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// The store behind budgets, tenant rate-limit windows, the usage ledger and target blocks (open circuits, kept-out
/// targets) when instances share state (Redis). Counters and maxima only: everything the kernel shares is a sum or a
/// latest end time, so instances never overwrite each other's effect.
/// </summary>
internal interface IKernelSharedState
{
    /// <summary>Tokens and cost spent on one budget key.</summary>
    (long Tokens, decimal Cost) ReadSpent(string key);

    /// <summary>Adds spending to one budget key (not awaited: ordered after earlier writes on the same connection).</summary>
    void AddSpent(string key, long tokens, decimal cost);

    /// <summary>
    /// Adds <paramref name="units"/> to the current one-minute window (aligned to the UTC minute, so every instance
    /// shares it) and returns the window's total and the time until it resets.
    /// </summary>
    (long Total, TimeSpan ResetIn) AddToWindow(string key, long units, DateTimeOffset now);

    /// <summary>The current one-minute window's total.</summary>
    long ReadWindow(string key, DateTimeOffset now);

    /// <summary>Adds one usage record's numbers to the per-dimension totals.</summary>
    void AddUsage(IReadOnlyList<(string Dimension, string Key)> keys, long input, long output, long cached, decimal cost, string currency);

    /// <summary>Every key's totals of one dimension ("total" holds the grand total under key "*").</summary>
    IReadOnlyDictionary<string, (long Input, long Output, long Cached, decimal Cost, string Currency)> ReadUsage(string dimension);

    /// <summary>
    /// Publishes that <paramref name="target"/> ("instance/model") is blocked until <paramref name="until"/>: its circuit
    /// opened here, or (<paramref name="keptOut"/>) it is kept out for quota exhaustion or a long Retry-After. Only ever
    /// extends a block; the record expires when its last block ends. Not awaited (no call waits on it).
    /// </summary>
    void BlockTarget(string target, bool keptOut, DateTimeOffset until, DateTimeOffset since, string? reason);

    /// <summary>What the store holds for each of <paramref name="targets"/> (same order; null: no block), in one round trip.</summary>
    Task<IReadOnlyList<SharedTargetBlock?>> ReadTargetBlocksAsync(IReadOnlyList<string> targets);
}
