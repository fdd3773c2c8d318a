namespace AiFunctions.Kernel.Errors;

/// <summary>
/// A provider call failed. Plugins translate their SDK's exceptions into this (see
/// <c>AiFunctions.Kernel.Plugins.ProviderErrors</c>), so the kernel's resilience pipeline decides on retry and failover
/// from <see cref="AiKernelException.Reason"/> alone, without knowing any SDK. The message never contains prompt or
/// answer text.
/// </summary>
public class ProviderException : AiKernelException
{
    /// <param name="reason">Why the call failed, in the kernel's one taxonomy.</param>
    /// <param name="instance">The provider instance key (named in the message).</param>
    /// <param name="message">Content-free description: status, error code, what to check.</param>
    /// <param name="statusCode">The HTTP status, when there was a response.</param>
    /// <param name="retryAfter">The wait the provider asked for (Retry-After / retry-after-ms), when given.</param>
    /// <param name="innerException">The SDK's exception.</param>
    public ProviderException(AiFailureReason reason, string instance, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base($"Provider instance '{instance}': {message}", innerException)
    {
        Reason = reason;
        Instance = instance;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <inheritdoc />
    public override AiFailureReason Reason { get; }

    public string Instance { get; }

    public int? StatusCode { get; }

    /// <summary>The delay the provider asked for (Retry-After / retry-after-ms), when it gave one.</summary>
    public override TimeSpan? RetryAfter { get; }

    /// <summary>
    /// True when trying again (later, or on another target) may succeed: throttling, quota (on another target),
    /// outages, timeouts, unreadable answers and schema-invalid answers. False for a wrong request, a context window
    /// overflow, refused content, bad credentials and unsupported operations.
    /// </summary>
    public override bool IsTransient => AiFailureReasons.IsTransient(Reason);
}
