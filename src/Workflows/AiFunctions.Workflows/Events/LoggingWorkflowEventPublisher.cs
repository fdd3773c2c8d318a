using Microsoft.Extensions.Logging;

namespace AiFunctions.Workflows.Events;

/// <summary>The default publisher: logs the event type and id (never the data) and publishes nothing.</summary>
internal sealed partial class LoggingWorkflowEventPublisher(ILogger<LoggingWorkflowEventPublisher> logger) : IWorkflowEventPublisher
{
    public Task PublishAsync(WorkflowEvent workflowEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflowEvent);
        LogEvent(logger, workflowEvent.Type, workflowEvent.Id);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Workflow event {EventType} {EventId} (no publisher configured; logged only)")]
    private static partial void LogEvent(ILogger logger, string eventType, string eventId);
}
