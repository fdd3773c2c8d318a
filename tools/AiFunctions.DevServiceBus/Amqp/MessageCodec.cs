using AiFunctions.DevServiceBus.Entities;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace AiFunctions.DevServiceBus.Amqp;

/// <summary>
/// Turns what senders transfer into stored payloads and stored payloads into what receivers get: the client's
/// encoded message with the broker's annotations (sequence number, enqueued time, lock, state) and header
/// delivery-count set over it.
/// </summary>
internal static class MessageCodec
{
    /// <summary>The message format of a batch: each Data section is one complete encoded message.</summary>
    public const uint BatchMessageFormat = 0x80013700;

    const string SequenceNumberAnnotation = "x-opt-sequence-number";
    const string EnqueuedTimeAnnotation = "x-opt-enqueued-time";
    const string LockedUntilAnnotation = "x-opt-locked-until";
    const string MessageStateAnnotation = "x-opt-message-state";
    const string ScheduledEnqueueTimeAnnotation = "x-opt-scheduled-enqueue-time";

    /// <summary>The encoded messages one transfer carries: the message itself, or each message of a batch.</summary>
    public static IReadOnlyList<byte[]> Unpack(AmqpMessage received)
    {
        if (received.MessageFormat == BatchMessageFormat)
        {
            return received.DataBody.Select(data => ToArray(data.Value)).ToList();
        }

        var buffers = received.RawByteBuffers;
        var payload = new byte[buffers.Sum(buffer => buffer.Length)];
        var offset = 0;
        foreach (var buffer in buffers)
        {
            Buffer.BlockCopy(buffer.Buffer, buffer.Offset, payload, offset, buffer.Length);
            offset += buffer.Length;
        }

        return [payload];
    }

    public static byte[] ToArray(object? binary) => binary switch
    {
        ArraySegment<byte> segment => segment.ToArray(),
        byte[] bytes => (byte[])bytes.Clone(),
        _ => throw new AmqpException(AmqpErrorCode.DecodeError, "Expected a binary value holding an encoded AMQP message."),
    };

    /// <summary>Reads the values the broker routes and schedules by.</summary>
    public static MessageFacts ReadFacts(byte[] payload)
    {
        using var message = Decode(payload, payloadInitialized: true);
        var properties = message.Properties;
        var applicationProperties = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (message.ApplicationProperties is { } application)
        {
            foreach (var pair in application.Map)
            {
                applicationProperties[pair.Key.Key.ToString()!] = pair.Value;
            }
        }

        DateTime? scheduled = null;
        if (message.MessageAnnotations.Map.TryGetValue<DateTime>(ScheduledEnqueueTimeAnnotation, out var scheduledAt))
        {
            scheduled = scheduledAt.ToUniversalTime();
        }

        return new MessageFacts
        {
            MessageId = properties?.MessageId?.ToString(),
            CorrelationId = properties?.CorrelationId?.ToString(),
            Subject = properties?.Subject,
            To = properties?.To?.ToString(),
            ReplyTo = properties?.ReplyTo?.ToString(),
            ReplyToSessionId = properties?.ReplyToGroupId,
            SessionId = properties?.GroupId,
            ContentType = properties?.ContentType.Value,
            TimeToLive = message.Header.Ttl is { } ttl ? TimeSpan.FromMilliseconds(ttl) : null,
            ScheduledEnqueueTimeUtc = scheduled,
            ApplicationProperties = applicationProperties,
        };
    }

    /// <summary>The message to transfer to a receiver.</summary>
    public static AmqpMessage ToAmqpMessage(DeliverySnapshot delivery)
    {
        var message = Decode(delivery.Payload, payloadInitialized: false);
        message.Header.DeliveryCount = (uint)delivery.HeaderDeliveryCount;
        var annotations = message.MessageAnnotations.Map;
        annotations[SequenceNumberAnnotation] = delivery.SequenceNumber;
        annotations[EnqueuedTimeAnnotation] = delivery.EnqueuedTimeUtc;
        annotations[MessageStateAnnotation] = (int)delivery.State;
        if (delivery.LockedUntilUtc is { } lockedUntil)
        {
            annotations[LockedUntilAnnotation] = lockedUntil;
        }

        if (delivery.PropertyOverrides is { Count: > 0 } overrides)
        {
            message.ApplicationProperties ??= new ApplicationProperties();
            foreach (var (name, value) in overrides)
            {
                message.ApplicationProperties.Map[name] = value;
            }
        }

        return message;
    }

    /// <summary>The encoded bytes of the message as a receiver would get it (for $management replies).</summary>
    public static ArraySegment<byte> Encode(DeliverySnapshot delivery)
    {
        using var message = ToAmqpMessage(delivery);
        var segments = message.GetPayload();
        var bytes = new byte[segments.Sum(segment => segment.Count)];
        var offset = 0;
        foreach (var segment in segments)
        {
            segment.AsSpan().CopyTo(bytes.AsSpan(offset));
            offset += segment.Count;
        }

        return new ArraySegment<byte>(bytes);
    }

    /// <summary>Application properties carried by a disposition (Modified annotations, Rejected error info) or a management map.</summary>
    public static List<KeyValuePair<string, object>> ToProperties(IEnumerable<KeyValuePair<MapKey, object>>? map) =>
        map?.Where(pair => pair.Value is not null)
            .Select(pair => KeyValuePair.Create(pair.Key.Key.ToString()!, pair.Value))
            .ToList() ?? [];

    static AmqpMessage Decode(byte[] payload, bool payloadInitialized) =>
        AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(payload)]), payloadInitialized);
}
