namespace AiFunctions.Kernel.Errors;

/// <summary>A tenant's own request or token rate limit refused the call (targets' limits fail over instead).</summary>
public sealed class RateLimitExceededException(string scope, TimeSpan? retryAfter)
    : AiKernelException($"Rate limit for {scope} exceeded." + (retryAfter is { } r ? $" Retry after {r.TotalSeconds:0.#} s." : string.Empty))
{
    public string Scope { get; } = scope;
    public override AiFailureReason Reason => AiFailureReason.RateLimitExceeded;
    public override bool IsTransient => true;
    public override TimeSpan? RetryAfter { get; } = retryAfter;
}
