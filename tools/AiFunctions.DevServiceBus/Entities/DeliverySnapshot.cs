namespace AiFunctions.DevServiceBus.Entities;

/// <summary>An immutable view of a message at the moment it is delivered, peeked or returned by the management node.</summary>
/// <param name="Payload">The message as the client encoded it.</param>
/// <param name="SequenceNumber">x-opt-sequence-number.</param>
/// <param name="EnqueuedTimeUtc">x-opt-enqueued-time.</param>
/// <param name="LockToken">The lock token (the delivery tag), or Guid.Empty when not locked.</param>
/// <param name="LockedUntilUtc">x-opt-locked-until, when locked.</param>
/// <param name="HeaderDeliveryCount">The AMQP header delivery-count: earlier delivery attempts.</param>
/// <param name="State">x-opt-message-state.</param>
/// <param name="PropertyOverrides">Application properties to set over the client's.</param>
internal sealed record DeliverySnapshot(
    byte[] Payload,
    long SequenceNumber,
    DateTime EnqueuedTimeUtc,
    Guid LockToken,
    DateTime? LockedUntilUtc,
    int HeaderDeliveryCount,
    MessageState State,
    IReadOnlyDictionary<string, object>? PropertyOverrides);
