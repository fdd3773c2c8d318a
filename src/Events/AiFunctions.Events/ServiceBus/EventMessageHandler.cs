using AiFunctions.Events.Handling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.ServiceBus;

/// <summary>
/// Peek-lock settlement of one message: complete when the work is done or durably started (or was done before),
/// dead-letter at once when it can never succeed (a permanent failure: reason + description naming what to fix),
/// otherwise hold the message for a backoff that grows with its delivery count (at least the failure's Retry-After,
/// at most MaxAbandonBackoff) and abandon it, so the broker redelivers it. On the entity's last delivery
/// (MaxDeliveryCount) a still-transient failure is dead-lettered by us with its real reason and description, instead
/// of by the broker as MaxDeliveryCountExceeded with no cause.
/// </summary>
public sealed partial class EventMessageHandler(CloudEventDispatcher dispatcher, IOptions<EventHandlingOptions> options, TimeProvider time, ILogger<EventMessageHandler> logger)
{
    /// <summary>Service Bus keeps dead-letter descriptions short; ours stay under this many characters.</summary>
    public const int MaxDescriptionLength = 1024;

    public async Task<DispatchOutcome> ProcessAsync(IEventMessage message, ProcessorBinding binding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(binding);
        var outcome = await dispatcher.DispatchAsync(message.Body, binding.EventTypes, cancellationToken).ConfigureAwait(false);
        switch (outcome.Disposition)
        {
            case DispatchDisposition.Handled:
            case DispatchDisposition.Duplicate:
                await message.CompleteAsync(cancellationToken).ConfigureAwait(false);
                break;
            case DispatchDisposition.DeadLetter:
                LogDeadLetter(binding.Path, message.MessageId, outcome.Reason!);
                await message.DeadLetterAsync(outcome.Reason!, Truncate(outcome.Description ?? outcome.Reason!), cancellationToken).ConfigureAwait(false);
                break;
            case DispatchDisposition.Retry when binding.MaxDeliveryCount > 0 && message.DeliveryCount >= binding.MaxDeliveryCount:
                // The broker would dead-letter it as MaxDeliveryCountExceeded with no cause: do it now, with the real one.
                var reason = outcome.Reason ?? DeadLetterReasons.MaxDeliveryCountExceeded;
                LogDeadLetter(binding.Path, message.MessageId, reason);
                await message.DeadLetterAsync(
                    reason,
                    Truncate($"Still failing after {message.DeliveryCount} deliveries (a transient failure that did not pass): {outcome.Description} Replay the message from the dead-letter queue once the cause is fixed."),
                    cancellationToken).ConfigureAwait(false);
                break;
            default:
                var backoff = options.Value.AbandonBackoffFor(message.DeliveryCount);
                if (outcome.RetryAfter is { } hinted && hinted > backoff)
                {
                    backoff = hinted < options.Value.MaxAbandonBackoff ? hinted : options.Value.MaxAbandonBackoff;
                }

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
