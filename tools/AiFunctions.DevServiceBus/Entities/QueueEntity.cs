using AiFunctions.ServiceBus.Configuration;

namespace AiFunctions.DevServiceBus.Entities;

/// <summary>A queue: one store and its dead-letter subqueue.</summary>
internal sealed class QueueEntity : SendEntity
{
    public QueueEntity(QueueDefinition definition, LockRegistry locks, TimeProvider time)
        : base(definition.Name, definition.DuplicateDetectionHistoryTimeWindow, time)
    {
        var deadLetters = new MessageStore(EntityAddress.DeadLetterPath(definition.Name), definition, locks, time, deadLetterQueue: null);
        Store = new MessageStore(definition.Name, definition, locks, time, deadLetters) { Scheduled = Scheduled };
    }

    public MessageStore Store { get; }

    public override IEnumerable<MessageStore> Stores => [Store, Store.DeadLetterQueue!];

    protected override void Route(BrokerMessage message) => Store.Enqueue(message);
}
