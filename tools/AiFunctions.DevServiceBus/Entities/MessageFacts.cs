namespace AiFunctions.DevServiceBus.Entities;

/// <summary>
/// What the broker reads from a message when it arrives: the values filters match on and the values that
/// decide when it becomes visible and when it expires. The message itself stays as the client encoded it.
/// </summary>
internal sealed record MessageFacts
{
    public string? MessageId { get; init; }
    public string? CorrelationId { get; init; }
    public string? Subject { get; init; }
    public string? To { get; init; }
    public string? ReplyTo { get; init; }
    public string? ReplyToSessionId { get; init; }
    public string? SessionId { get; init; }
    public string? ContentType { get; init; }

    /// <summary>The message's own time to live (the AMQP header ttl), if it set one.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>When the sender asked for the message to be enqueued (x-opt-scheduled-enqueue-time).</summary>
    public DateTime? ScheduledEnqueueTimeUtc { get; init; }

    public IReadOnlyDictionary<string, object?> ApplicationProperties { get; init; } = new Dictionary<string, object?>();
}
