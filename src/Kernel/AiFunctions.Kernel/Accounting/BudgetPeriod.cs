namespace AiFunctions.Kernel.Accounting;

/// <summary>When a budget's spending resets (UTC calendar periods).</summary>
public enum BudgetPeriod
{
    Daily,
    Monthly,
    /// <summary>Never resets (for the process's lifetime: the ledger is in memory).</summary>
    Total,
}
