using AiFunctions.Workflows;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Screening;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace AiFunctions.FunctionApp.Workflows;

/// <summary>
/// Orchestration triggers: each runs the shared orchestrator class registered under the same name by
/// <c>DurableTaskRegistry.AddHrWorkflows()</c> in the standalone host. No logic here.
/// </summary>
public static class OrchestratorFunctions
{
    [Function(WorkflowNames.ScreeningBatchOrchestrator)]
    public static Task<ScreeningBatchSummary> ScreeningBatch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ScreeningBatchOrchestrator().RunAsync(context, context.GetInput<ScreeningBatchRequest>()!);

    [Function(WorkflowNames.ScreeningChunkOrchestrator)]
    public static Task<ScreeningChunkResult> ScreeningChunk([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ScreeningChunkOrchestrator().RunAsync(context, context.GetInput<ScreeningChunkInput>()!);

    [Function(WorkflowNames.JobDescriptionOrchestrator)]
    public static Task<JobDescriptionWorkflowResult> JobDescription([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new JobDescriptionOrchestrator().RunAsync(context, context.GetInput<JobDescriptionWorkflowRequest>()!);
}
