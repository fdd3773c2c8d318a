namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// The store behind budgets, tenant rate-limit windows and the usage ledger when instances share state (Redis).
/// Counters only: everything the kernel shares is a sum, so instances never overwrite each other.
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
}
