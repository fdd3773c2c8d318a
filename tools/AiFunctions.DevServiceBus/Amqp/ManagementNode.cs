using AiFunctions.DevServiceBus.Entities;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace AiFunctions.DevServiceBus.Amqp;

/// <summary>
/// The <c>{entity}/$management</c> node: lock renewal, settlement by lock token, peek, deferred receive and
/// scheduling. Requests carry <c>operation=com.microsoft:{name}</c> and a map body; replies carry
/// <c>statusCode</c>, <c>statusDescription</c>, <c>errorCondition</c> on failure, and a map body.
/// </summary>
internal sealed class ManagementNode(EntityRegistry entities) : RequestResponseNode
{
    const string OperationProperty = "operation";
    const string LockLostDescription = "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.";

    protected override AmqpMessage Handle(AmqpMessage request, string entityPath)
    {
        var operation = request.ApplicationProperties?.Map[OperationProperty] as string;
        var body = request.ValueBody?.Value as AmqpMap ?? new AmqpMap();
        return operation switch
        {
            "com.microsoft:renew-lock" => RenewLock(body),
            "com.microsoft:update-disposition" => UpdateDisposition(body),
            "com.microsoft:peek-message" => Peek(entityPath, body),
            "com.microsoft:receive-by-sequence-number" => ReceiveDeferred(entityPath, body),
            "com.microsoft:schedule-message" => Schedule(entityPath, body),
            "com.microsoft:cancel-scheduled-message" => CancelScheduled(entityPath, body),
            _ => Reply(ResponseStatus.NotImplemented, $"Operation '{operation}' is not supported by the dev broker (it has no sessions, rule management or batch delete).", ResponseStatus.NotImplementedCondition),
        };
    }

    protected override AmqpMessage Failure(Exception exception) => exception is AmqpException amqp
        ? Reply(ResponseStatus.BadRequest, amqp.Message, amqp.Error.Condition.Value)
        : Reply(500, exception.Message, "amqp:internal-error");

    AmqpMessage RenewLock(AmqpMap body)
    {
        var lockTokens = Required<Guid[]>(body, "lock-tokens");
        var expirations = new DateTime[lockTokens.Length];
        for (var i = 0; i < lockTokens.Length; i++)
        {
            if (entities.Locks.Find(lockTokens[i]) is not { } store || !store.TryRenewLock(lockTokens[i], out expirations[i]))
            {
                return LockLost();
            }
        }

        return Reply(ResponseStatus.Ok, "OK", body: new AmqpMap { [Key("expirations")] = expirations });
    }

    AmqpMessage UpdateDisposition(AmqpMap body)
    {
        var status = Required<string>(body, "disposition-status");
        var reason = body[Key("deadletter-reason")] as string;
        var description = body[Key("deadletter-description")] as string;
        var properties = MessageCodec.ToProperties(body[Key("properties-to-modify")] as AmqpMap);
        foreach (var lockToken in Required<Guid[]>(body, "lock-tokens"))
        {
            if (entities.Locks.Find(lockToken) is not { } store)
            {
                return LockLost();
            }

            var settled = status switch
            {
                "completed" => store.Complete(lockToken),
                "abandoned" => store.Abandon(lockToken, properties),
                "defered" or "deferred" => store.Defer(lockToken, properties),
                "suspended" => store.DeadLetter(lockToken, reason, description, properties),
                _ => throw new AmqpException(AmqpErrorCode.InvalidField, $"Unknown disposition-status '{status}'."),
            };
            if (!settled)
            {
                return LockLost();
            }
        }

        return Reply(ResponseStatus.Ok, "OK");
    }

    AmqpMessage Peek(string entityPath, AmqpMap body)
    {
        if (entities.FindStore(entityPath) is not { } store)
        {
            return EntityNotFound(entityPath);
        }

        var from = Convert.ToInt64(body[Key("from-sequence-number")] ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        var count = Convert.ToInt32(body[Key("message-count")] ?? 1, System.Globalization.CultureInfo.InvariantCulture);
        var peeked = store.Peek(from, count);
        return peeked.Count == 0
            ? Reply(ResponseStatus.NoContent, "No messages to peek.")
            : Reply(ResponseStatus.Ok, "OK", body: new AmqpMap { [Key("messages")] = peeked.Select(p => (object)new AmqpMap { [Key("message")] = MessageCodec.Encode(p) }).ToList() });
    }

    AmqpMessage ReceiveDeferred(string entityPath, AmqpMap body)
    {
        if (entities.FindStore(entityPath) is not { } store)
        {
            return EntityNotFound(entityPath);
        }

        var sequenceNumbers = Required<long[]>(body, "sequence-numbers");
        var receiveAndDelete = body[Key("receiver-settle-mode")] is uint mode && mode == 0;
        if (store.ReceiveDeferred(sequenceNumbers, receiveAndDelete) is not { } received)
        {
            return Reply(
                ResponseStatus.NotFound,
                $"Not every message with sequence number {string.Join(", ", sequenceNumbers)} is a deferred message of '{store.Path}'. Receive only deferred messages, once.",
                ResponseStatus.MessageNotFound);
        }

        var messages = received.Select(delivery =>
        {
            var entry = new AmqpMap { [Key("message")] = MessageCodec.Encode(delivery) };
            if (delivery.LockToken != Guid.Empty)
            {
                entry[Key("lock-token")] = delivery.LockToken;
            }

            return (object)entry;
        }).ToList();
        return Reply(ResponseStatus.Ok, "OK", body: new AmqpMap { [Key("messages")] = messages });
    }

    AmqpMessage Schedule(string entityPath, AmqpMap body)
    {
        if (entities.FindSendEntity(entityPath) is not { } entity)
        {
            return EntityNotFound(entityPath);
        }

        var sequenceNumbers = Required<List<object>>(body, "messages")
            .Cast<AmqpMap>()
            .Select(entry =>
            {
                var payload = MessageCodec.ToArray(entry[Key("message")]);
                return entity.Accept(payload, MessageCodec.ReadFacts(payload));
            })
            .ToArray();
        return Reply(ResponseStatus.Ok, "OK", body: new AmqpMap { [Key("sequence-numbers")] = sequenceNumbers });
    }

    AmqpMessage CancelScheduled(string entityPath, AmqpMap body)
    {
        if (entities.FindSendEntity(entityPath) is not { } entity)
        {
            return EntityNotFound(entityPath);
        }

        foreach (var sequenceNumber in Required<long[]>(body, "sequence-numbers"))
        {
            entity.Scheduled.Cancel(sequenceNumber);
        }

        return Reply(ResponseStatus.Ok, "OK");
    }

    static T Required<T>(AmqpMap body, string key) => body[Key(key)] is T value
        ? value
        : throw new AmqpException(AmqpErrorCode.InvalidField, $"The request has no '{key}' of type {typeof(T).Name}.");

    static MapKey Key(string name) => new(name);

    static AmqpMessage LockLost() => Reply(ResponseStatus.Gone, LockLostDescription, ResponseStatus.MessageLockLost);

    static AmqpMessage EntityNotFound(string entityPath) => Reply(
        ResponseStatus.NotFound,
        $"The messaging entity '{entityPath}' does not exist in the dev broker's entity configuration.",
        "com.microsoft:entity-not-found");

    static AmqpMessage Reply(int status, string description, string? errorCondition = null, AmqpMap? body = null)
    {
        var reply = AmqpMessage.Create(new AmqpValue { Value = body ?? new AmqpMap() });
        reply.ApplicationProperties.Map["statusCode"] = status;
        reply.ApplicationProperties.Map["statusDescription"] = description;
        if (errorCondition is not null)
        {
            reply.ApplicationProperties.Map["errorCondition"] = new AmqpSymbol(errorCondition);
        }

        return reply;
    }
}
