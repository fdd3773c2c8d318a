using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace AiFunctions.DevServiceBus.Amqp;

/// <summary>
/// The request/response pattern the client uses for $cbs and $management: requests arrive on one link, and each
/// reply goes out on the link (of the same connection) whose target equals the request's reply-to, correlated by
/// the request's message id.
/// </summary>
internal abstract class RequestResponseNode
{
    readonly ConcurrentDictionary<(AmqpConnection Connection, string Address), SendingAmqpLink> replyLinks = new();

    /// <summary>Takes over a link whose address is this node.</summary>
    /// <param name="link">The broker side of the link.</param>
    /// <param name="entityPath">The entity the node belongs to (empty for $cbs).</param>
    public void Attach(AmqpLink link, string entityPath)
    {
        if (link is ReceivingAmqpLink requests)
        {
            requests.RegisterMessageListener(message => OnRequest(requests, message, entityPath));
            return;
        }

        var replies = (SendingAmqpLink)link;
        var key = (replies.Session.Connection, ((Target)replies.Settings.Target).Address?.ToString() ?? replies.Name);
        replyLinks[key] = replies;
        replies.RegisterDispositionListener(delivery => replies.DisposeDelivery(delivery, true, delivery.State));
        replies.Closed += (_, _) => replyLinks.TryRemove(KeyValuePair.Create(key, replies));
    }

    /// <summary>Handles one request and returns the reply (status in application properties).</summary>
    protected abstract AmqpMessage Handle(AmqpMessage request, string entityPath);

    /// <summary>The reply for a request the handler failed on.</summary>
    protected abstract AmqpMessage Failure(Exception exception);

    void OnRequest(ReceivingAmqpLink link, AmqpMessage request, string entityPath)
    {
        AmqpMessage response;
        try
        {
            response = Handle(request, entityPath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            response = Failure(ex);
        }

        var replyTo = request.Properties?.ReplyTo?.ToString();
        response.Properties.CorrelationId = request.Properties?.MessageId;
        link.AcceptMessage(request, batchable: false);
        request.Dispose();

        if (replyTo is not null && replyLinks.TryGetValue((link.Session.Connection, replyTo), out var replies))
        {
            replies.SendMessageNoWait(response, new ArraySegment<byte>(Guid.NewGuid().ToByteArray()), AmqpConstants.NullBinary);
        }
    }
}
