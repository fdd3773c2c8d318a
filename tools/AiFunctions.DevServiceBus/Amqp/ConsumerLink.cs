using AiFunctions.DevServiceBus.Entities;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace AiFunctions.DevServiceBus.Amqp;

/// <summary>
/// A receiver's link out of a queue, subscription or dead-letter subqueue. Credit comes from the receiver's
/// flow frames; the delivery tag is the lock token; dispositions settle the message by that token:
/// Accepted = complete, Modified = abandon (or defer when undeliverable-here), Rejected = dead-letter.
/// </summary>
internal sealed class ConsumerLink : IMessageConsumer
{
    const string DeadLetterCondition = "com.microsoft:dead-letter";
    readonly SendingAmqpLink link;
    readonly MessageStore store;
    readonly LockRegistry locks;

    ConsumerLink(SendingAmqpLink link, MessageStore store, LockRegistry locks)
    {
        this.link = link;
        this.store = store;
        this.locks = locks;
        SettleOnSend = link.Settings.SettleType == SettleMode.SettleOnSend;
        link.RegisterCreditListener((credit, drain, _) => store.OnCredit(this, credit, drain));
        link.RegisterDispositionListener(OnDisposition);
        link.Closed += (_, _) => store.RemoveConsumer(this);
        store.AddConsumer(this);
    }

    public bool SettleOnSend { get; }

    public uint Credit { get; set; }

    public static void Attach(SendingAmqpLink link, MessageStore store, LockRegistry locks) => _ = new ConsumerLink(link, store, locks);

    public void Deliver(DeliverySnapshot delivery)
    {
        var tag = delivery.LockToken != Guid.Empty ? delivery.LockToken : Guid.NewGuid();
        try
        {
            link.SendMessageNoWait(MessageCodec.ToAmqpMessage(delivery), new ArraySegment<byte>(tag.ToByteArray()), AmqpConstants.NullBinary);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException or AmqpException or OperationCanceledException)
        {
            // The link closed while the message was on its way; its lock runs out and it becomes available again.
        }
    }

    void OnDisposition(Delivery delivery)
    {
        if (delivery.State is not Outcome outcome)
        {
            return; // Received (partial-progress) states settle nothing.
        }

        var tag = delivery.DeliveryTag;
        var lockToken = tag.Count == 16 ? new Guid(tag.AsSpan()) : Guid.Empty;
        var owner = locks.Find(lockToken) ?? store;
        var settled = lockToken != Guid.Empty && outcome switch
        {
            Accepted => owner.Complete(lockToken),
            Modified { UndeliverableHere: true } modified => owner.Defer(lockToken, MessageCodec.ToProperties(modified.MessageAnnotations)),
            Modified modified => owner.Abandon(lockToken, MessageCodec.ToProperties(modified.MessageAnnotations)),
            Released => owner.Abandon(lockToken, null),
            Rejected rejected => DeadLetter(owner, lockToken, rejected.Error),
            _ => false,
        };

        DeliveryState reply = !settled
            ? new Rejected { Error = new Error { Condition = ResponseStatus.MessageLockLost, Description = "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue." } }
            : outcome is Rejected ? AmqpConstants.AcceptedOutcome : outcome;
        link.DisposeDelivery(delivery, true, reply);
    }

    static bool DeadLetter(MessageStore owner, Guid lockToken, Error? error)
    {
        var info = error?.Condition.Value == DeadLetterCondition ? MessageCodec.ToProperties(error.Info) : [];
        var reason = info.FirstOrDefault(p => p.Key == DeadLetterReasons.ReasonProperty).Value as string;
        var description = info.FirstOrDefault(p => p.Key == DeadLetterReasons.DescriptionProperty).Value as string;
        var others = info.Where(p => p.Key is not DeadLetterReasons.ReasonProperty and not DeadLetterReasons.DescriptionProperty);
        return owner.DeadLetter(lockToken, reason, description, others);
    }
}
