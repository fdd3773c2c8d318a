namespace AiFunctions.Kernel.Errors;

/// <summary>
/// Why an AI call failed, in the kernel's one failure taxonomy. Every layer (kernel retry and failover, workflow
/// activities, event handlers, the webhook and the HTTP API) decides from the reason and
/// <see cref="AiKernelException.IsTransient"/>, never from an SDK's exception type or message. Modelled on
/// <c>Azure.Messaging.ServiceBus.ServiceBusFailureReason</c>.
/// </summary>
public enum AiFailureReason
{
    /// <summary>Not classified. Treated as permanent.</summary>
    Unknown = 0,

    /// <summary>The provider throttled the call (429 with a retry hint): retry after the hint or fail over now.</summary>
    RateLimited,

    /// <summary>The provider account's quota is exhausted (e.g. <c>insufficient_quota</c>): fail over now; retrying the same target cannot help.</summary>
    QuotaExhausted,

    /// <summary>5xx, overloaded, connection failure: transient; retried with backoff, then failed over.</summary>
    Unavailable,

    /// <summary>The call exceeded its time budget: transient.</summary>
    Timeout,

    /// <summary>The request is wrong for the provider (400): permanent; the caller must change the request.</summary>
    BadRequest,

    /// <summary>The prompt is longer than the model's context window (<c>context_length_exceeded</c>): permanent.</summary>
    ContextLengthExceeded,

    /// <summary>401/403: the instance's credentials or permissions are wrong; fail over, never retry the same target.</summary>
    Unauthorized,

    /// <summary>The provider refused the content (content filter, <c>message.refusal</c>): permanent.</summary>
    ContentFiltered,

    /// <summary>The provider answered with something the SDK or kernel cannot read (unknown finish reason, no choices, cut body): fail over.</summary>
    MalformedResponse,

    /// <summary>The answer still did not match the output schema after the bounded repair: fail over, permanent when no target is left.</summary>
    StructuredOutputInvalid,

    /// <summary>The plugin cannot do this at all (e.g. chat on the non-generative local plugin): permanent.</summary>
    NotSupported,

    /// <summary>
    /// The target's circuit is open, it is kept out, or it is over the kernel's own request/token limit, so it was skipped:
    /// fail over now; when every target was skipped, transient, retry after the break.
    /// </summary>
    CircuitOpen,

    /// <summary>A tenant's or app's rate limit refused the call before it was sent: transient, retry after the hint.</summary>
    RateLimitExceeded,

    /// <summary>A tenant's budget for the route is exhausted: permanent until the budget period resets.</summary>
    BudgetExceeded,

    /// <summary>A stream broke after content had reached the caller: the caller may retry the whole request.</summary>
    StreamInterrupted,
}
