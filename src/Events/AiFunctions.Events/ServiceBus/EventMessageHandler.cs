using AiFunctions.Events.Handling;
using AiFunctions.Events.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.ServiceBus;

/// <summary>
/// Peek-lock settlement of one message: complete when the work is done or durably started (or was done before),
/// dead-letter at once when it can never succeed (reason + description), otherwise hold the message for a backoff
/// that grows with its delivery count and abandon it, so the broker redelivers it — and dead-letters it with
/// MaxDeliveryCountExceeded when the entity's max delivery count is reached.
/// </summary>
public sealed partial class EventMessageHandler(CloudEventDispatcher dispatcher, IOptions<EventHandlingOptions> options, TimeProvider time, ILogger<EventMessageHandler> logger, EventMetrics? metrics = null)
{
    /// <summary>Service Bus keeps dead-letter descriptions short; ours stay under this many characters.</summary>
    public const int MaxDescriptionLength = 1024;

    public async Task<DispatchOutcome> ProcessAsync(IEventMessage message, ProcessorBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(binding);
        var outcome = await dispatcher.DispatchAsync(message.Body, binding.EventTypes, message.DiagnosticId, cancellationToken).ConfigureAwait(false);
        switch (outcome.Disposition)
        {
            case DispatchDisposition.Handled:
            case DispatchDisposition.Duplicate:
                await message.CompleteAsync(cancellationToken).ConfigureAwait(false);
                break;
            case DispatchDisposition.DeadLetter:
                LogDeadLetter(binding.Path, message.MessageId, outcome.Reason!);
                metrics?.DeadLettered.Add(1, new System.Diagnostics.TagList { { EventTelemetry.EntityAttribute, binding.Path }, { EventTelemetry.DeadLetterReasonAttribute, outcome.Reason! } });
                await message.DeadLetterAsync(outcome.Reason!, Truncate(outcome.Description ?? outcome.Reason!), cancellationToken).ConfigureAwait(false);
                break;
            default:
                var backoff = options.Value.AbandonBackoffFor(message.DeliveryCount);
                LogRetry(binding.Path, message.MessageId, message.DeliveryCount, binding.MaxDeliveryCount, backoff.TotalMilliseconds);
                if (backoff > TimeSpan.Zero)
                {
                    await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                }

                await message.AbandonAsync(cancellationToken).ConfigureAwait(false);
                break;
        }

        return outcome;
    }

    private static string Truncate(string text) => text.Length <= MaxDescriptionLength ? text : text[..(MaxDescriptionLength - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettering message {MessageId} on {Entity}: {Reason}")]
    private partial void LogDeadLetter(string entity, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Entity} failed on delivery {DeliveryCount} of {MaxDeliveryCount}; abandoning after {BackoffMs} ms")]
    private partial void LogRetry(string entity, string messageId, int deliveryCount, int maxDeliveryCount, double backoffMs);
}
