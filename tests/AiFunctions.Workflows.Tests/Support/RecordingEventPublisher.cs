using System.Collections.Concurrent;
using AiFunctions.Workflows.Events;

namespace AiFunctions.Workflows.Tests.Support;

internal sealed class RecordingEventPublisher : IWorkflowEventPublisher
{
    public ConcurrentQueue<WorkflowEvent> Events { get; } = new();

    public Task PublishAsync(WorkflowEvent workflowEvent, CancellationToken cancellationToken = default)
    {
        Events.Enqueue(workflowEvent);
        return Task.CompletedTask;
    }

    public IReadOnlyList<WorkflowEvent> OfType(string type) => Events.Where(e => e.Type == type).ToArray();
}
