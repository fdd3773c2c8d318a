using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Drafting.Activities;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Screening.Activities;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.DependencyInjection;

public static class DurableTaskRegistryExtensions
{
    /// <summary>
    /// Registers every HR workflow orchestrator and activity under its <see cref="WorkflowNames"/> name:
    /// <c>builder.AddTasks(registry =&gt; registry.AddHrWorkflows())</c>.
    /// </summary>
    public static DurableTaskRegistry AddHrWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<ScreeningBatchOrchestrator>(WorkflowNames.ScreeningBatchOrchestrator)
            .AddOrchestrator<ScreeningChunkOrchestrator>(WorkflowNames.ScreeningChunkOrchestrator)
            .AddOrchestrator<JobDescriptionOrchestrator>(WorkflowNames.JobDescriptionOrchestrator)
            .AddActivity<PersistBatchActivity>(WorkflowNames.PersistBatchActivity)
            .AddActivity<ScreenCandidateGroupActivity>(WorkflowNames.ScreenCandidateGroupActivity)
            .AddActivity<RecordCandidateFailureActivity>(WorkflowNames.RecordCandidateFailureActivity)
            .AddActivity<UpdateBatchStatusActivity>(WorkflowNames.UpdateBatchStatusActivity)
            .AddActivity<RankActivity>(WorkflowNames.RankActivity)
            .AddActivity<CheckScorersActivity>(WorkflowNames.CheckScorersActivity)
            .AddActivity<RecordDecisionActivity>(WorkflowNames.RecordDecisionActivity)
            .AddActivity<DraftJobDescriptionActivity>(WorkflowNames.DraftJobDescriptionActivity)
            .AddActivity<RecordJobDescriptionReviewActivity>(WorkflowNames.RecordJobDescriptionReviewActivity)
            .AddActivity<PublishWorkflowEventActivity>(WorkflowNames.PublishWorkflowEventActivity);
    }
}
