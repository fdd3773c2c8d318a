namespace AiFunctions.DevServiceBus.Entities;

/// <summary>A receiver attached to a store. Its credit is read and changed only under the store's lock.</summary>
internal interface IMessageConsumer
{
    /// <summary>True for receive-and-delete (deliveries are settled when sent and leave the store at once).</summary>
    bool SettleOnSend { get; }

    /// <summary>How many more messages the receiver asked for.</summary>
    uint Credit { get; set; }

    /// <summary>Sends one message. Called outside the store lock.</summary>
    void Deliver(DeliverySnapshot delivery);
}
