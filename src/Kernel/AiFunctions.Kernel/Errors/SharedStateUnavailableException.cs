namespace AiFunctions.Kernel.Errors;

/// <summary>
/// The store every instance shares (<c>AiFunctions:SharedState:Redis</c>) did not answer while a budget or a rate
/// limit had to be checked, so the call was refused rather than let through unchecked. Transient: the connection
/// reconnects by itself; <see cref="RetryAfter"/> is a short wait. Nothing reached a provider.
/// </summary>
public sealed class SharedStateUnavailableException(Exception innerException)
    : AiKernelException("The shared state store ('AiFunctions:SharedState:Redis') did not answer, so budgets and rate limits could not be checked; nothing was sent to a provider. Retry after 5 s.", innerException)
{
    /// <summary>The wait suggested to callers: about one reconnect of the store's client.</summary>
    public static readonly TimeSpan SuggestedRetryAfter = TimeSpan.FromSeconds(5);

    public override AiFailureReason Reason => AiFailureReason.Unavailable;

    public override bool IsTransient => true;

    public override TimeSpan? RetryAfter => SuggestedRetryAfter;
}
