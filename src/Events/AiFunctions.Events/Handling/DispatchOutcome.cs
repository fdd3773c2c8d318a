namespace AiFunctions.Events.Handling;

/// <summary>What the transport should do with a message after the dispatcher looked at it.</summary>
public enum DispatchDisposition
{
    /// <summary>Work done (or durably started): complete.</summary>
    Handled,

    /// <summary>Seen before: complete, nothing new was started.</summary>
    Duplicate,

    /// <summary>Can never succeed: dead-letter now with reason and description.</summary>
    DeadLetter,

    /// <summary>
    /// Transient failure after the in-handler retries: abandon (after a backoff) so the broker redelivers; on the last
    /// delivery the handler dead-letters it itself with the real cause.
    /// </summary>
    Retry,
}

/// <summary>The dispatcher's verdict for one event.</summary>
public sealed record DispatchOutcome(DispatchDisposition Disposition, string? EventType = null, string? EventId = null)
{
    public string? Reason { get; init; }
    public string? Description { get; init; }
    public Exception? Error { get; init; }
    public string? InstanceId { get; init; }

    /// <summary>The wait a transient failure asked for (Retry-After), when it gave one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static DispatchOutcome Poison(string reason, string description, string? type = null, string? id = null) =>
        new(DispatchDisposition.DeadLetter, type, id) { Reason = reason, Description = description };
}
