namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// The store behind budgets, tenant and target rate-limit windows, the usage ledger and target blocks (open circuits, kept-out
/// targets) when instances share state (Redis). Counters and maxima only: everything the kernel shares is a sum or a
/// latest end time, so instances never overwrite each other's effect.
/// </summary>
internal interface IKernelSharedState
{
    /// <summary>Tokens and cost spent on one budget key (for views: the management API and the budget gauges).</summary>
    (long Tokens, decimal Cost) ReadSpent(string key);

    /// <summary>
    /// Tokens and cost spent on one budget key, for a decision on the call path: awaited, never blocking a thread while
    /// the store answers (a burst of calls must not use up the thread pool that reads the store's replies).
    /// </summary>
    /// <exception cref="Errors.SharedStateUnavailableException">The store did not answer (transient).</exception>
    Task<(long Tokens, decimal Cost)> ReadSpentAsync(string key);

    /// <summary>Adds spending to one budget key (not awaited: ordered after earlier writes on the same connection).</summary>
    void AddSpent(string key, long tokens, decimal cost);

    /// <summary>
    /// Admission at one or more subjects' one-minute windows (<see cref="SharedWindow.Key"/>, e.g. <c>tenant:contoso</c>
    /// or <c>target:azure-east/gpt-4.1</c>; aligned to the UTC minute, so every instance shares them), in order, in one
    /// round trip and atomically. At each window: refused on tokens when its tokens are at or above the window's token
    /// threshold, else refused on requests when its requests are at or above its request threshold, else one request is
    /// added (a threshold below zero is not checked). Stops at the first refusal: the windows before it keep their
    /// request, the refused one and those after it are not counted. Returns the index of the refusing window (-1: all
    /// admitted), what refused it, and the time until the windows reset. Awaited, never blocking a thread while the store answers.
    /// </summary>
    /// <exception cref="Errors.SharedStateUnavailableException">The store did not answer (transient).</exception>
    Task<(int Index, WindowRefusal Refused, TimeSpan ResetIn)> AdmitToWindowsAsync(IReadOnlyList<SharedWindow> windows, DateTimeOffset now);

    /// <summary>
    /// Gives back one request admitted at <paramref name="admittedAt"/> to <paramref name="key"/>'s window of that minute
    /// (an admission made ahead for a provider request that was never sent). Not awaited. Never below zero: a window the
    /// store no longer holds (restarted empty, or the minute expired) is left as it is.
    /// </summary>
    void ReturnRequest(string key, DateTimeOffset admittedAt);

    /// <summary>
    /// Adds a call's used <paramref name="tokens"/> to the current window of each of <paramref name="keys"/> (after the
    /// call; always added, also beyond a limit). Not awaited: one pipelined batch, ordered after earlier writes.
    /// </summary>
    void AddTokensToWindows(IReadOnlyList<string> keys, long tokens, DateTimeOffset now);

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
