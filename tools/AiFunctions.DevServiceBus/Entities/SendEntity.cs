namespace AiFunctions.DevServiceBus.Entities;

/// <summary>
/// An entity senders address (a queue or a topic): it numbers incoming messages, holds the scheduled ones until
/// their time and routes the rest to its store(s).
/// </summary>
internal abstract class SendEntity(string name, TimeSpan? duplicateDetectionWindow, TimeProvider time)
{
    readonly DuplicateDetector? duplicates = duplicateDetectionWindow is { } window ? new DuplicateDetector(window) : null;
    long lastSequenceNumber;

    public string Name { get; } = name;

    public ScheduledMessages Scheduled { get; } = new();

    /// <summary>Accepts one message; returns its sequence number (a duplicate is acknowledged, numbered and dropped).</summary>
    public long Accept(byte[] payload, MessageFacts facts)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (duplicates?.IsDuplicate(facts.MessageId, now) == true)
        {
            return Interlocked.Increment(ref lastSequenceNumber);
        }

        var message = new BrokerMessage(payload, facts)
        {
            SequenceNumber = Interlocked.Increment(ref lastSequenceNumber),
            EnqueuedTimeUtc = now,
        };

        if (facts.ScheduledEnqueueTimeUtc is { } enqueueAt && enqueueAt > now)
        {
            message.EnqueuedTimeUtc = enqueueAt;
            Scheduled.Add(message);
        }
        else
        {
            Route(message);
        }

        return message.SequenceNumber;
    }

    /// <summary>Enqueues the scheduled messages whose time has come.</summary>
    public void ReleaseDueMessages()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var message in Scheduled.TakeDue(now))
        {
            message.EnqueuedTimeUtc = now;
            Route(message);
        }
    }

    /// <summary>The stores that hold this entity's messages, dead-letter subqueues included.</summary>
    public abstract IEnumerable<MessageStore> Stores { get; }

    protected abstract void Route(BrokerMessage message);
}
