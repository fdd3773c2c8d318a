using AiFunctions.DevServiceBus.Entities;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace AiFunctions.DevServiceBus.Amqp;

/// <summary>A sender's link into a queue or topic: each transfer (one message or a batch) is stored, then accepted.</summary>
internal sealed class PublisherLink
{
    readonly ReceivingAmqpLink link;
    readonly SendEntity entity;

    PublisherLink(ReceivingAmqpLink link, SendEntity entity)
    {
        this.link = link;
        this.entity = entity;
        link.RegisterMessageListener(OnMessage);
    }

    public static void Attach(ReceivingAmqpLink link, SendEntity entity) => _ = new PublisherLink(link, entity);

    void OnMessage(AmqpMessage message)
    {
        try
        {
            foreach (var payload in MessageCodec.Unpack(message))
            {
                entity.Accept(payload, MessageCodec.ReadFacts(payload));
            }

            link.AcceptMessage(message, batchable: false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            link.DisposeMessage(
                message,
                new Rejected { Error = new Error { Condition = AmqpErrorCode.DecodeError, Description = $"The dev broker could not read the message: {ex.Message}" } },
                settled: true,
                batchable: false);
        }
        finally
        {
            message.Dispose();
        }
    }
}
