namespace AiFunctions.Events.ServiceBus;

/// <summary>One processor: a queue (or topic subscription), its lock/delivery settings, and the event types valid on it.</summary>
public sealed record ProcessorBinding(string EntityName, string? SubscriptionName, IReadOnlyCollection<string> EventTypes, TimeSpan LockDuration, int MaxDeliveryCount)
{
    /// <summary>"queue" or "topic/Subscriptions/subscription", as the dead-letter API names entities.</summary>
    public string Path => SubscriptionName is null ? EntityName : $"{EntityName}/Subscriptions/{SubscriptionName}";
}
