namespace AiFunctions.Workflows.Events;

/// <summary>
/// Publishes the workflows' outbound events. Called from an activity (at-least-once), so the same event may arrive
/// twice: implementations keep <see cref="WorkflowEvent.Id"/> as the message/CloudEvent id so duplicates can be
/// dropped downstream. The default (<see cref="LoggingWorkflowEventPublisher"/>) only logs type and id; the events
/// module replaces it through DI.
/// </summary>
public interface IWorkflowEventPublisher
{
    Task PublishAsync(WorkflowEvent workflowEvent, CancellationToken cancellationToken = default);
}
