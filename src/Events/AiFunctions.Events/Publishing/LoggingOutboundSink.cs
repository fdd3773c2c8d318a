using Azure.Messaging;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Events.Publishing;

/// <summary><see cref="OutboundKind.None"/>: logs type and id (never data) and publishes nothing.</summary>
internal sealed partial class LoggingOutboundSink(ILogger<LoggingOutboundSink> logger) : IOutboundEventSink
{
    public Task SendAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            LogEvent(e.Type, e.Id);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbound event {EventType} {EventId} not published (AiFunctions:Events:Outbound:Kind = None)")]
    private partial void LogEvent(string eventType, string eventId);
}
