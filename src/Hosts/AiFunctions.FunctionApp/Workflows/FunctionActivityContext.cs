using Microsoft.DurableTask;

namespace AiFunctions.FunctionApp.Workflows;

/// <summary>
/// The <see cref="TaskActivityContext"/> a shared activity class receives when an activity trigger runs it: the name
/// of the activity and the id of the orchestration instance that scheduled it (the trigger's <c>instanceId</c>).
/// The Durable Task source generator builds the same thing for class-based activities in Functions.
/// </summary>
public sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
