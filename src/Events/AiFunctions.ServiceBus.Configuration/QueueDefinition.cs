namespace AiFunctions.ServiceBus.Configuration;

/// <summary>A queue, as described under UserConfig.Namespaces[].Queues[] in the emulator's Config.json.</summary>
/// <param name="name">The queue name.</param>
public sealed class QueueDefinition(string name) : MessageEntityDefinition(name)
{
    /// <summary>RequiresDuplicateDetection: how long accepted MessageIds are remembered; null turns detection off.</summary>
    public TimeSpan? DuplicateDetectionHistoryTimeWindow { get; set; }
}
