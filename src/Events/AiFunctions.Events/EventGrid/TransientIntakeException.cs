namespace AiFunctions.Events.EventGrid;

/// <summary>A direct-mode intake failure worth retrying: the host answers 503 so Event Grid retries.</summary>
public sealed class TransientIntakeException : Exception
{
    public TransientIntakeException()
    {
    }

    public TransientIntakeException(string message)
        : base(message)
    {
    }

    public TransientIntakeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The wait the failure asked for (Retry-After), when it gave one; the webhook's 503 carries at least this.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
