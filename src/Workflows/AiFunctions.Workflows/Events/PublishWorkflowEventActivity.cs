using AiFunctions.Workflows.Failures;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Events;

/// <summary>
/// Publishes one <see cref="WorkflowEvent"/> through <see cref="IWorkflowEventPublisher"/>. The orchestrator builds the
/// event (deterministic id and time), so a repeated run publishes an identical event that consumers drop by id.
/// </summary>
public sealed class PublishWorkflowEventActivity(IWorkflowEventPublisher publisher) : WorkflowActivity<WorkflowEvent, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, WorkflowEvent input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await publisher.PublishAsync(input).ConfigureAwait(false);
        return true;
    }
}
