namespace AiFunctions.ServiceBus.Configuration;

/// <summary>
/// The settings shared by the entities that hold messages (queues and subscriptions), named as in the
/// Service Bus emulator's Config.json.
/// </summary>
public abstract class MessageEntityDefinition
{
    /// <summary>Initializes the definition.</summary>
    /// <param name="name">The entity name.</param>
    protected MessageEntityDefinition(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The entity name (a queue name or a subscription name).</summary>
    public string Name { get; }

    /// <summary>How long a peek-lock receiver holds a message before it becomes available again.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many deliveries a message gets before it is dead-lettered with reason MaxDeliveryCountExceeded.</summary>
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>The time to live given to messages that do not set a shorter one.</summary>
    public TimeSpan DefaultMessageTimeToLive { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Whether expired messages go to the dead-letter subqueue (true) or are dropped (false).</summary>
    public bool DeadLetteringOnMessageExpiration { get; set; }
}
