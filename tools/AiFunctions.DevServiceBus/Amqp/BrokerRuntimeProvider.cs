using AiFunctions.DevServiceBus.Entities;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transaction;
using Microsoft.Azure.Amqp.Transport;

namespace AiFunctions.DevServiceBus.Amqp;

/// <summary>
/// Creates the broker side of connections, sessions and links, and wires each attached link to what its address
/// names: $cbs, an entity's $management node, a queue/topic for senders, or a store for receivers.
/// </summary>
internal sealed class BrokerRuntimeProvider(EntityRegistry entities, ulong maxMessageSize) : IRuntimeProvider
{
    const string SessionFilter = "com.microsoft:session-filter";
    readonly CbsNode cbs = new();
    readonly ManagementNode management = new(entities);

    public AmqpConnection CreateConnection(TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, false, amqpSettings, connectionSettings);

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) => new(connection, settings, this);

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        // The sender reads max-message-size from the broker's attach and refuses to send without it.
        settings.MaxMessageSize = maxMessageSize;
        return settings.Role == true ? new ReceivingAmqpLink(session, settings) : new SendingAmqpLink(session, settings);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        if (link.Settings.Target is Coordinator)
        {
            throw new AmqpException(AmqpErrorCode.NotImplemented, "The dev broker does not support transactions. Run without a TransactionScope, or use Azure Service Bus.");
        }

        if (link.Settings.Source is Source { FilterSet: { } filters } && filters.TryGetValue<object>(SessionFilter, out _))
        {
            throw new AmqpException(AmqpErrorCode.NotImplemented, "The dev broker does not support sessions. Use a non-session receiver, or the Service Bus emulator / Azure Service Bus.");
        }

        var rawAddress = link.IsReceiver ? ((Target)link.Settings.Target).Address?.ToString() : ((Source)link.Settings.Source).Address?.ToString();
        if (string.IsNullOrEmpty(rawAddress))
        {
            throw new AmqpException(AmqpErrorCode.InvalidField, "The link has no address. Attach to a queue, topic or subscription path.");
        }

        var path = EntityAddress.Normalize(rawAddress);
        if (string.Equals(path, EntityAddress.CbsNode, StringComparison.OrdinalIgnoreCase))
        {
            cbs.Attach(link, string.Empty);
        }
        else if (EntityAddress.IsManagement(path, out var entityPath))
        {
            _ = entities.FindStore(entityPath) ?? (object?)entities.FindSendEntity(entityPath) ?? throw NotFound(rawAddress);
            management.Attach(link, entityPath);
        }
        else if (link is ReceivingAmqpLink fromSender)
        {
            PublisherLink.Attach(fromSender, entities.FindSendEntity(path) ?? throw NotFound(rawAddress));
        }
        else
        {
            ConsumerLink.Attach((SendingAmqpLink)link, entities.FindStore(path) ?? throw NotFound(rawAddress), entities.Locks);
        }

        return new CompletedAsyncResult(callback, state);
    }

    public void EndOpenLink(IAsyncResult result)
    {
    }

    static AmqpException NotFound(string address) => new(
        AmqpErrorCode.NotFound,
        $"The messaging entity '{address}' does not exist in the dev broker. Add it to the entity configuration (infra/servicebus/Config.json) or fix the name.");
}
