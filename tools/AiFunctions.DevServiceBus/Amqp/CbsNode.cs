using Microsoft.Azure.Amqp;

namespace AiFunctions.DevServiceBus.Amqp;

/// <summary>
/// The $cbs node: claims-based security. The client puts a SAS token before each link it opens and on a refresh
/// timer; a development broker accepts every token (it listens on loopback only and holds no real data).
/// </summary>
internal sealed class CbsNode : RequestResponseNode
{
    const string StatusCode = "status-code";
    const string StatusDescription = "status-description";

    protected override AmqpMessage Handle(AmqpMessage request, string entityPath) => Reply(202, "Accepted");

    protected override AmqpMessage Failure(Exception exception) => Reply(500, exception.Message);

    static AmqpMessage Reply(int status, string description)
    {
        var reply = AmqpMessage.Create();
        reply.ApplicationProperties.Map[StatusCode] = status;
        reply.ApplicationProperties.Map[StatusDescription] = description;
        return reply;
    }
}
