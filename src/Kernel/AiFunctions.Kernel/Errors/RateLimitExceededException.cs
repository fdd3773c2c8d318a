namespace AiFunctions.Kernel.Errors;

/// <summary>A tenant's own request or token rate limit refused the call (targets' limits fail over instead).</summary>
public sealed class RateLimitExceededException(string scope, TimeSpan? retryAfter)
    : Exception($"Rate limit for {scope} exceeded." + (retryAfter is { } r ? $" Retry after {r.TotalSeconds:0.#} s." : string.Empty))
{
    public string Scope { get; } = scope;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
