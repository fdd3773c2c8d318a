using AiFunctions.Workflows.Drafting.Activities;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Failures;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Drafting;

/// <summary>
/// Job description drafting, version <see cref="WorkflowVersions.JobDescription"/> (docs/workflows.md): draft (route
/// "drafting") → inclusive-language and required-sections checks → publish "review required" → wait for
/// <see cref="WorkflowNames.JobDescriptionReviewEvent"/> with a timeout → Approve publishes the version (store +
/// "ai.jobdescription.approved"); Revise drafts again with the comments, up to the policy's rounds (a Revise on the last
/// round ends it as RevisionLimitReached, comments kept, "ai.jobdescription.revision-limit-reached"); a timeout ends the
/// workflow as expired. A review must name the version awaiting review (<see cref="JobDescriptionReview.Version"/>);
/// others are ignored. Deterministic: time from the context, all I/O in activities.
/// </summary>
public sealed class JobDescriptionOrchestrator : TaskOrchestrator<JobDescriptionWorkflowRequest, JobDescriptionWorkflowResult>
{
    public override async Task<JobDescriptionWorkflowResult> RunAsync(TaskOrchestrationContext context, JobDescriptionWorkflowRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = JobDescriptionWorkflowRequestValidator.Validate(input);
        if (problems.Count > 0)
        {
            throw new ArgumentException("The job description request is invalid: " + string.Join(" ", problems), nameof(input));
        }

        var policy = input.ReviewPolicy ?? new JobDescriptionReviewPolicy();
        var correlationId = input.CorrelationId ?? context.InstanceId;
        var request = input.Request with { PreviousDraft = null, RevisionComments = null };
        // The version a review must name: a decision about another version (a stale page, or an Approve sent right
        // after a Revise) is ignored, so nothing is approved that its reviewer did not see.
        var awaiting = 0;
        var gate = new ReviewGate<JobDescriptionReview>(
            context,
            WorkflowNames.JobDescriptionReviewEvent,
            review => Enum.IsDefined(review.Decision) && !string.IsNullOrWhiteSpace(review.Reviewer) && review.Version == awaiting);
        for (var round = 1; ; round++)
        {
            context.SetCustomStatus(new JobDescriptionProgress(JobDescriptionStatus.Drafting, round, policy.MaxRounds));
            JobDescriptionDraftOutcome draft;
            try
            {
                draft = await context.CallActivityAsync<JobDescriptionDraftOutcome>(
                    WorkflowNames.DraftJobDescriptionActivity,
                    new DraftJobDescriptionInput(input.JobDescriptionId, input.Tenant, round, request, correlationId, OrchestrationTime.Now(context)),
                    WorkflowRetry.Drafting).ConfigureAwait(true);
            }
            catch (TaskFailedException e)
            {
                // Permanent (never retried) or transient past the durable retries: settle now with the content-free reason.
                var error = ActivityFailureException.ReasonOf(e.FailureDetails);
                await RecordAsync(context, input, round, null, JobDescriptionStatus.Failed, error).ConfigureAwait(true);
                context.SetCustomStatus(new JobDescriptionProgress(JobDescriptionStatus.Failed, round, policy.MaxRounds));
                return Result(context, input, JobDescriptionStatus.Failed, null, round - 1, null) with { Error = error };
            }

            awaiting = draft.Version;

            var deadline = OrchestrationTime.Deadline(context, policy.ReviewTimeout);
            context.SetCustomStatus(new JobDescriptionProgress(JobDescriptionStatus.AwaitingReview, round, policy.MaxRounds, draft.Version));
            await PublishAsync(context, input, correlationId, WorkflowEventTypes.JobDescriptionReviewRequired, $"review-required/{round}", draft, JobDescriptionStatus.AwaitingReview, null, deadline).ConfigureAwait(true);

            var review = await gate.WaitAsync(deadline).ConfigureAwait(true);
            var end = review switch
            {
                null => JobDescriptionStatus.Expired,
                { Decision: JobDescriptionReviewDecision.Approve } => JobDescriptionStatus.Approved,
                _ when round >= policy.MaxRounds => JobDescriptionStatus.RevisionLimitReached,
                _ => (JobDescriptionStatus?)null,
            };
            if (end is { } status)
            {
                // Every end: the review (comments included) is kept on its version, the status the API reads says how
                // it ended, and the end is published.
                var approvedBy = status == JobDescriptionStatus.Approved ? review!.Reviewer : null;
                await RecordAsync(context, input, draft.Version, review, status).ConfigureAwait(true);
                context.SetCustomStatus(new JobDescriptionProgress(status, round, policy.MaxRounds, draft.Version));
                var (type, step) = status switch
                {
                    JobDescriptionStatus.Approved => (WorkflowEventTypes.JobDescriptionApproved, "approved"),
                    JobDescriptionStatus.Expired => (WorkflowEventTypes.JobDescriptionExpired, "expired"),
                    _ => (WorkflowEventTypes.JobDescriptionRevisionLimitReached, "revision-limit-reached"),
                };
                await PublishAsync(context, input, correlationId, type, step, draft, status, approvedBy, null).ConfigureAwait(true);
                return Result(context, input, status, status == JobDescriptionStatus.Approved ? draft.Version : null, round, approvedBy);
            }

            await RecordAsync(context, input, draft.Version, review, JobDescriptionStatus.Drafting).ConfigureAwait(true);
            request = request with { PreviousDraft = draft.Draft, RevisionComments = review!.Comments ?? [] };
        }
    }

    private static Task RecordAsync(TaskOrchestrationContext context, JobDescriptionWorkflowRequest input, int round, JobDescriptionReview? review, JobDescriptionStatus status, string? error = null) =>
        context.CallActivityAsync<bool>(
            WorkflowNames.RecordJobDescriptionReviewActivity,
            new RecordJobDescriptionReviewInput(input.JobDescriptionId, input.Tenant, round, review, status, OrchestrationTime.Now(context), error),
            WorkflowRetry.Storage);

    private static Task PublishAsync(
        TaskOrchestrationContext context,
        JobDescriptionWorkflowRequest input,
        string correlationId,
        string type,
        string step,
        JobDescriptionDraftOutcome draft,
        JobDescriptionStatus status,
        string? approvedBy,
        DateTime? deadline) =>
        context.CallActivityAsync<bool>(
            WorkflowNames.PublishWorkflowEventActivity,
            WorkflowEvent.Create(
                $"{context.InstanceId}/{step}",
                type,
                $"jobdescriptions/{input.JobDescriptionId}",
                OrchestrationTime.Now(context),
                input.Tenant,
                correlationId,
                new JobDescriptionEventData(
                    input.JobDescriptionId,
                    context.InstanceId,
                    draft.Draft.Title,
                    status,
                    draft.Version,
                    draft.Findings.Count,
                    approvedBy,
                    deadline is null ? null : new DateTimeOffset(deadline.Value))),
            WorkflowRetry.Storage);

    private static JobDescriptionWorkflowResult Result(TaskOrchestrationContext context, JobDescriptionWorkflowRequest input, JobDescriptionStatus status, int? approvedVersion, int rounds, string? approvedBy) =>
        new(input.JobDescriptionId, status, approvedVersion, rounds, approvedBy, OrchestrationTime.Now(context));
}
