using AiFunctions.ServiceBus.Configuration;

namespace AiFunctions.DevServiceBus.Entities;

/// <summary>The configured queues and topics, looked up by link address.</summary>
internal sealed class EntityRegistry
{
    readonly Dictionary<string, QueueEntity> queues = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, TopicEntity> topics = new(StringComparer.OrdinalIgnoreCase);

    public EntityRegistry(ServiceBusEntityConfiguration configuration, TimeProvider time)
    {
        foreach (var queue in configuration.Queues)
        {
            EnsureUnique(queue.Name);
            queues[queue.Name] = new QueueEntity(queue, Locks, time);
        }

        foreach (var topic in configuration.Topics)
        {
            EnsureUnique(topic.Name);
            topics[topic.Name] = new TopicEntity(topic, Locks, time);
        }
    }

    public LockRegistry Locks { get; } = new();

    public IEnumerable<SendEntity> SendEntities => queues.Values.Cast<SendEntity>().Concat(topics.Values);

    public IEnumerable<MessageStore> Stores => SendEntities.SelectMany(entity => entity.Stores);

    /// <summary>The entity senders address with this path (a queue or topic), or null.</summary>
    public SendEntity? FindSendEntity(string path)
    {
        if (!EntityAddress.TryParse(path, out var entity, out var subscription, out var deadLetter) || subscription is not null || deadLetter)
        {
            return null;
        }

        return queues.TryGetValue(entity, out var queue) ? queue : topics.GetValueOrDefault(entity);
    }

    /// <summary>The store receivers read with this path (a queue, a subscription, or either's dead-letter subqueue), or null.</summary>
    public MessageStore? FindStore(string path)
    {
        if (!EntityAddress.TryParse(path, out var entity, out var subscription, out var deadLetter))
        {
            return null;
        }

        MessageStore? store = subscription is null
            ? queues.GetValueOrDefault(entity)?.Store
            : topics.GetValueOrDefault(entity)?.FindSubscription(subscription);
        return deadLetter ? store?.DeadLetterQueue : store;
    }

    void EnsureUnique(string name)
    {
        if (queues.ContainsKey(name) || topics.ContainsKey(name))
        {
            throw new InvalidOperationException($"Entity '{name}' is defined twice in the Service Bus entity configuration; queue and topic names share one namespace.");
        }
    }
}
