namespace AiFunctions.Kernel.Errors;

/// <summary>
/// A provider call failed. Plugins translate their SDK's exceptions into this, so the kernel's resilience
/// pipeline can decide on retry and failover without knowing any SDK. The message never contains prompt text.
/// </summary>
public class ProviderException : AiKernelException
{
    public ProviderException(ProviderFailureKind kind, string instance, string message, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base($"Provider instance '{instance}': {message}", innerException)
    {
        Kind = kind;
        Instance = instance;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public ProviderFailureKind Kind { get; }

    /// <inheritdoc />
    public override AiFailureReason Reason => Kind switch
    {
        ProviderFailureKind.RateLimited => AiFailureReason.RateLimited,
        ProviderFailureKind.Unavailable => AiFailureReason.Unavailable,
        ProviderFailureKind.Timeout => AiFailureReason.Timeout,
        ProviderFailureKind.BadRequest => AiFailureReason.BadRequest,
        ProviderFailureKind.Unauthorized => AiFailureReason.Unauthorized,
        ProviderFailureKind.ContentFiltered => AiFailureReason.ContentFiltered,
        ProviderFailureKind.MalformedResponse => AiFailureReason.MalformedResponse,
        ProviderFailureKind.NotSupported => AiFailureReason.NotSupported,
        _ => AiFailureReason.Unknown,
    };

    public string Instance { get; }

    public int? StatusCode { get; }

    /// <summary>The delay the provider asked for (Retry-After / retry-after-ms), when it gave one.</summary>
    public override TimeSpan? RetryAfter { get; }

    /// <summary>True when trying again (same or next target) may succeed.</summary>
    public override bool IsTransient => Kind is ProviderFailureKind.RateLimited or ProviderFailureKind.Unavailable
        or ProviderFailureKind.Timeout or ProviderFailureKind.MalformedResponse;
}
