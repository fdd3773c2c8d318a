namespace AiFunctions.Events.EventGrid;

/// <summary>A direct-mode intake failure worth retrying: the host answers 503 so Event Grid retries.</summary>
internal sealed class TransientIntakeException : Exception
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
}
