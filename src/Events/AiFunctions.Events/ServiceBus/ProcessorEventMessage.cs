using AiFunctions.Events.Telemetry;
using Azure.Messaging.ServiceBus;

namespace AiFunctions.Events.ServiceBus;

/// <summary><see cref="IEventMessage"/> over a <see cref="ServiceBusProcessor"/> delivery.</summary>
internal sealed class ProcessorEventMessage(ProcessMessageEventArgs args) : IEventMessage
{
    public BinaryData Body => args.Message.Body;

    public string MessageId => args.Message.MessageId;

    public int DeliveryCount => args.Message.DeliveryCount;

    public string? DiagnosticId => args.Message.ApplicationProperties.TryGetValue(CloudEventTracing.DiagnosticId, out var id) ? id as string : null;

    public Task CompleteAsync(CancellationToken cancellationToken) => args.CompleteMessageAsync(args.Message, cancellationToken);

    public Task AbandonAsync(CancellationToken cancellationToken) => args.AbandonMessageAsync(args.Message, cancellationToken: cancellationToken);

    public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken) =>
        args.DeadLetterMessageAsync(args.Message, reason, description, cancellationToken);
}
