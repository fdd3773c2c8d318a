using AiFunctions.Workflows;
using AiFunctions.Workflows.Drafting.Activities;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using Microsoft.Azure.Functions.Worker;

namespace AiFunctions.FunctionApp.Workflows;

/// <summary>
/// Activity triggers: each runs the shared activity class registered under the same name by
/// <c>DurableTaskRegistry.AddHrWorkflows()</c>, built from the worker's services. <c>instanceId</c> is trigger
/// metadata (the scheduling orchestration). No logic here.
/// </summary>
public static class ActivityFunctions
{
    [Function(WorkflowNames.PersistBatchActivity)]
    public static Task<int> PersistBatch([ActivityTrigger] PersistBatchInput input, string instanceId, FunctionContext context) =>
        ActivityRunner.RunAsync<PersistBatchActivity, PersistBatchInput, int>(WorkflowNames.PersistBatchActivity, input, instanceId, context);

    [Function(WorkflowNames.ScreenCandidateGroupActivity)]
    public static Task<ScreenCandidateGroupResult> ScreenCandidateGroup([ActivityTrigger] ScreenCandidateGroupInput input, string instanceId, FunctionContext context) =>
        ActivityRunner.RunAsync<ScreenCandidateGroupActivity, ScreenCandidateGroupInput, ScreenCandidateGroupResult>(WorkflowNames.ScreenCandidateGroupActivity, input, instanceId, context);

    [Function(WorkflowNames.RecordCandidateFailureActivity)]
    public static Task<CandidateScreeningOutcome> RecordCandidateFailure([ActivityTrigger] RecordCandidateFailureInput input, string instanceId, FunctionContext context) =>
        ActivityRunner.RunAsync<RecordCandidateFailureActivity, RecordCandidateFailureInput, CandidateScreeningOutcome>(WorkflowNames.RecordCandidateFailureActivity, input, instanceId, context);

    [Function(WorkflowNames.UpdateBatchStatusActivity)]
    public static Task<bool> UpdateBatchStatus([ActivityTrigger] UpdateBatchStatusInput input, string instanceId, FunctionContext context) =>
        ActivityRunner.RunAsync<UpdateBatchStatusActivity, UpdateBatchStatusInput, bool>(WorkflowNames.UpdateBatchStatusActivity, input, instanceId, context);

    [Function(WorkflowNames.RankActivity)]
    public static Task<RankingOutcome> Rank([ActivityTrigger] RankInput input, string instanceId, FunctionContext context) =>
        ActivityRunner.RunAsync<RankActivity, RankInput, RankingOutcome>(WorkflowNames.RankActivity, input, instanceId, context);

    [Function(WorkflowNames.CheckScorersActivity)]
    public static Task<ScorerCheck> CheckScorers([ActivityTrigger] CheckScorersInput input, string instanceId, FunctionContext context) =>
        ActivityRunner.RunAsync<CheckScorersActivity, CheckScorersInput, ScorerCheck>(WorkflowNames.CheckScorersActivity, input, instanceId, context);

    [Function(WorkflowNames.RecordDecisionActivity)]
    public static Task<bool> RecordDecision([ActivityTrigger] DecisionTrailEntry input, string instanceId, FunctionContext context) =>
        ActivityRunner.RunAsync<RecordDecisionActivity, DecisionTrailEntry, bool>(WorkflowNames.RecordDecisionActivity, input, instanceId, context);

    [Function(WorkflowNames.DraftJobDescriptionActivity)]
    public static Task<JobDescriptionDraftOutcome> DraftJobDescription([ActivityTrigger] DraftJobDescriptionInput input, string instanceId, FunctionContext context) =>
        ActivityRunner.RunAsync<DraftJobDescriptionActivity, DraftJobDescriptionInput, JobDescriptionDraftOutcome>(WorkflowNames.DraftJobDescriptionActivity, input, instanceId, context);

    [Function(WorkflowNames.RecordJobDescriptionReviewActivity)]
    public static Task<bool> RecordJobDescriptionReview([ActivityTrigger] RecordJobDescriptionReviewInput input, string instanceId, FunctionContext context) =>
        ActivityRunner.RunAsync<RecordJobDescriptionReviewActivity, RecordJobDescriptionReviewInput, bool>(WorkflowNames.RecordJobDescriptionReviewActivity, input, instanceId, context);

    [Function(WorkflowNames.PublishWorkflowEventActivity)]
    public static Task<bool> PublishWorkflowEvent([ActivityTrigger] WorkflowEvent input, string instanceId, FunctionContext context) =>
        ActivityRunner.RunAsync<PublishWorkflowEventActivity, WorkflowEvent, bool>(WorkflowNames.PublishWorkflowEventActivity, input, instanceId, context);
}
