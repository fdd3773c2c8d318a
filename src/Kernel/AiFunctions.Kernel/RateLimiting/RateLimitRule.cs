namespace AiFunctions.Kernel.RateLimiting;

/// <summary>Limits per minute; an unset value means no limit of that kind.</summary>
public sealed class RateLimitRule
{
    public int? RequestsPerMinute { get; set; }

    /// <summary>Input + output tokens per minute. Checked before a call (is any left?) and charged after it.</summary>
    public int? TokensPerMinute { get; set; }
}
