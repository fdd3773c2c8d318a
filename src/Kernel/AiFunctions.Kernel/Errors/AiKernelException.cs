namespace AiFunctions.Kernel.Errors;

/// <summary>
/// The base of every failure the kernel reports for an AI call. <see cref="Reason"/> classifies it,
/// <see cref="IsTransient"/> says whether trying again (later, or on another target) can help, and
/// <see cref="RetryAfter"/> carries the wait the provider or limiter asked for. Messages never contain prompt or
/// answer text, so they are safe to store and log. Follows the Azure SDK guideline for service exceptions
/// (a reason and <c>IsTransient</c>, as <c>ServiceBusException</c>).
/// </summary>
public abstract class AiKernelException : Exception
{
    protected AiKernelException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Why the call failed.</summary>
    public abstract AiFailureReason Reason { get; }

    /// <summary>True when trying the same request again later (or on another target) may succeed.</summary>
    public abstract bool IsTransient { get; }

    /// <summary>The wait the provider or a limiter asked for, when one was given; null otherwise.</summary>
    public virtual TimeSpan? RetryAfter => null;

    /// <summary>A short, content-free description for stores, dead-letter reasons and logs: "{Reason}: {Message}".</summary>
    public string Describe() => $"{Reason}: {Message}";
}
