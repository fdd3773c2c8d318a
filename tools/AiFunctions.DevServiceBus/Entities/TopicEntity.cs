using AiFunctions.ServiceBus.Configuration;

namespace AiFunctions.DevServiceBus.Entities;

/// <summary>A topic: every message is copied to each subscription whose rules match it (no rules: all match).</summary>
internal sealed class TopicEntity : SendEntity
{
    readonly List<(SubscriptionDefinition Definition, MessageStore Store)> subscriptions = [];

    public TopicEntity(TopicDefinition definition, LockRegistry locks, TimeProvider time)
        : base(definition.Name, definition.DuplicateDetectionHistoryTimeWindow, time)
    {
        foreach (var subscription in definition.Subscriptions)
        {
            var path = EntityAddress.SubscriptionPath(definition.Name, subscription.Name);
            if (subscriptions.Any(existing => string.Equals(existing.Definition.Name, subscription.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"Subscription '{path}' is defined twice in the Service Bus entity configuration.");
            }

            var deadLetters = new MessageStore(EntityAddress.DeadLetterPath(path), subscription, locks, time, deadLetterQueue: null);
            subscriptions.Add((subscription, new MessageStore(path, subscription, locks, time, deadLetters)));
        }
    }

    public override IEnumerable<MessageStore> Stores => subscriptions.SelectMany(s => new[] { s.Store, s.Store.DeadLetterQueue! });

    public MessageStore? FindSubscription(string name) =>
        subscriptions.FirstOrDefault(s => string.Equals(s.Definition.Name, name, StringComparison.OrdinalIgnoreCase)).Store;

    protected override void Route(BrokerMessage message)
    {
        foreach (var (definition, store) in subscriptions)
        {
            if (definition.Rules.Count == 0 || definition.Rules.Any(rule => rule.Matches(message.Facts)))
            {
                store.Enqueue(message.Copy());
            }
        }
    }
}
