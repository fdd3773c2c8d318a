using Microsoft.Extensions.Logging;

namespace AiFunctions.Events.ServiceBus;

/// <summary>
/// Closing Service Bus processors and senders at shutdown never fails the host's shutdown: a link that cannot be
/// closed cleanly (the namespace or the dev broker is gone or slow: the AMQP close times out) is logged and left to
/// the service. Nothing is lost: peek-locked messages the processor did not settle are delivered again when their lock
/// expires, and no send is pending once the host stops (the intake answers only after Service Bus has the events).
/// </summary>
internal static partial class ServiceBusShutdown
{
    /// <summary>Runs <paramref name="close"/>; logs and swallows its failure unless the caller's own token cancelled it.</summary>
    public static async Task CloseQuietlyAsync(Func<Task> close, string entity, ILogger? logger, CancellationToken cancellationToken = default)
    {
        try
        {
            await close().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Shutdown must go on: the failure is logged, the messages are redelivered by the service.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            if (logger is not null)
            {
                LogCloseFailed(logger, ex.GetType().Name, entity);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the Service Bus link of {Entity} failed at shutdown ({ErrorType}); unsettled messages are delivered again when their locks expire")]
    private static partial void LogCloseFailed(ILogger logger, string errorType, string entity);
}
