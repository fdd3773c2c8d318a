namespace AiFunctions.DevServiceBus.Entities;

/// <summary>
/// One message held by one store (a queue, a subscription or a dead-letter subqueue) and its broker-side state:
/// sequence number, delivery count, lock and the application properties changed by abandon or dead-letter.
/// Mutable state is only touched under the owning store's lock.
/// </summary>
internal sealed class BrokerMessage(byte[] payload, MessageFacts facts)
{
    /// <summary>The message exactly as the client encoded it (immutable, shared between fan-out copies).</summary>
    public byte[] Payload { get; } = payload;

    public MessageFacts Facts { get; } = facts;

    public long SequenceNumber { get; set; }

    public DateTime EnqueuedTimeUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; } = DateTime.MaxValue;

    /// <summary>How many times the message was handed to a peek-lock receiver.</summary>
    public int DeliveryCount { get; set; }

    public MessageState State { get; set; }

    public Guid LockToken { get; set; }

    public DateTime LockedUntilUtc { get; set; }

    public bool IsLocked => LockToken != Guid.Empty;

    /// <summary>Application properties set by the broker or by abandon/defer/dead-letter's propertiesToModify.</summary>
    public Dictionary<string, object>? PropertyOverrides { get; private set; }

    public void SetProperty(string name, object value) => (PropertyOverrides ??= new(StringComparer.Ordinal))[name] = value;

    public void SetProperties(IEnumerable<KeyValuePair<string, object>>? properties)
    {
        foreach (var (name, value) in properties ?? [])
        {
            SetProperty(name, value);
        }
    }

    /// <summary>A fresh copy for another store (fan-out or dead-lettering): same payload, sequence number and overrides, no lock.</summary>
    public BrokerMessage Copy()
    {
        var copy = new BrokerMessage(Payload, Facts)
        {
            SequenceNumber = SequenceNumber,
            EnqueuedTimeUtc = EnqueuedTimeUtc,
            DeliveryCount = DeliveryCount,
        };
        copy.SetProperties(PropertyOverrides);
        return copy;
    }

    /// <summary>What a delivery needs, captured under the store lock so it can be encoded outside it.</summary>
    public DeliverySnapshot Snapshot(int headerDeliveryCount) => new(
        Payload,
        SequenceNumber,
        EnqueuedTimeUtc,
        LockToken,
        IsLocked ? LockedUntilUtc : null,
        headerDeliveryCount,
        State,
        PropertyOverrides is null ? null : new Dictionary<string, object>(PropertyOverrides, StringComparer.Ordinal));
}
