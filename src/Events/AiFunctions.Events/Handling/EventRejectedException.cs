namespace AiFunctions.Events.Handling;

/// <summary>
/// The event can never be handled as sent (bad data, unknown requisition state, ...): dead-letter it now with
/// <see cref="Reason"/> and the message as description instead of retrying.
/// </summary>
internal sealed class EventRejectedException : Exception
{
    public EventRejectedException(string reason, string description)
        : base(description)
    {
        Reason = reason;
    }

    public EventRejectedException()
        : this(DeadLetterReasons.ValidationFailed, "The event was rejected.")
    {
    }

    public EventRejectedException(string message)
        : this(DeadLetterReasons.ValidationFailed, message)
    {
    }

    public EventRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = DeadLetterReasons.ValidationFailed;
    }

    public string Reason { get; }
}
