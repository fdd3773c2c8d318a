namespace AiFunctions.Kernel.Accounting;

/// <summary>Tokens and cost of one kernel call (all attempts that reached a provider, repair included).</summary>
public sealed record CallUsage(long InputTokens, long OutputTokens, long CachedInputTokens, decimal Cost, string Currency)
{
    public static CallUsage None { get; } = new(0, 0, 0, 0m, "USD");

    public long TotalTokens => InputTokens + OutputTokens;
}
