namespace AiFunctions.ServiceBus.Configuration;

/// <summary>A topic, as described under UserConfig.Namespaces[].Topics[] in the emulator's Config.json.</summary>
public sealed class TopicDefinition
{
    /// <summary>Initializes the definition.</summary>
    /// <param name="name">The topic name.</param>
    public TopicDefinition(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The topic name.</summary>
    public string Name { get; }

    /// <summary>RequiresDuplicateDetection: how long accepted MessageIds are remembered; null turns detection off.</summary>
    public TimeSpan? DuplicateDetectionHistoryTimeWindow { get; set; }

    /// <summary>The subscriptions that receive a copy of each matching message.</summary>
    public IList<SubscriptionDefinition> Subscriptions { get; } = new List<SubscriptionDefinition>();
}
