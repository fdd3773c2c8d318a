namespace AiFunctions.ServiceBus.Configuration;

/// <summary>A topic subscription, as described under Topics[].Subscriptions[] in the emulator's Config.json.</summary>
/// <param name="name">The subscription name.</param>
public sealed class SubscriptionDefinition(string name) : MessageEntityDefinition(name)
{
    /// <summary>
    /// The subscription's rules. A message is copied to the subscription when any rule matches; with no rules every
    /// message matches (the emulator's and Azure's default rule is "1=1").
    /// </summary>
    public IList<SubscriptionRule> Rules { get; } = new List<SubscriptionRule>();
}
