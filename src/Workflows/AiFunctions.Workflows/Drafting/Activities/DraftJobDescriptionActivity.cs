using AiFunctions.Workflows.Failures;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Functions;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Drafting.Activities;

/// <summary>Input of <see cref="DraftJobDescriptionActivity"/>: round n drafts version n.</summary>
public sealed record DraftJobDescriptionInput(string JobDescriptionId, string Tenant, int Round, JobDescriptionRequest Request, string CorrelationId, DateTimeOffset At);

/// <summary>Output of <see cref="DraftJobDescriptionActivity"/>.</summary>
public sealed record JobDescriptionDraftOutcome(int Version, JobDescriptionDraft Draft, IReadOnlyList<JobDescriptionFinding> Findings);

/// <summary>
/// Drafts version <see cref="DraftJobDescriptionInput.Round"/> through <see cref="JobDescriptionDraftFunction"/>
/// (route "drafting"), runs the automatic checks, and upserts the version keyed by id + version. Idempotent: when
/// the version is already stored, it is returned without calling the model again.
/// </summary>
public sealed class DraftJobDescriptionActivity(
    IScreeningStore store,
    IAiFunctionInvoker invoker,
    JobDescriptionDraftFunction draftFunction,
    IJobDescriptionChecks checks) : WorkflowActivity<DraftJobDescriptionInput, JobDescriptionDraftOutcome>
{
    /// <summary>The workflow name the AI calls are accounted to.</summary>
    public const string WorkflowName = "job-description-drafting";

    protected override async Task<JobDescriptionDraftOutcome> ExecuteAsync(TaskActivityContext context, DraftJobDescriptionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = await store.GetJobDescriptionAsync(input.JobDescriptionId).ConfigureAwait(false);
        if (existing?.Versions.FirstOrDefault(v => v.Version == input.Round) is { } stored)
        {
            return new JobDescriptionDraftOutcome(stored.Version, stored.Draft, stored.Findings);
        }

        var result = await invoker.InvokeForAsync(new AiCallContext(input.Tenant, WorkflowName, input.CorrelationId), draftFunction, input.Request).ConfigureAwait(false);

        var findings = checks.Check(result.Output);
        await store.UpsertJobDescriptionVersionAsync(
            input.Tenant,
            new JobDescriptionVersion(input.JobDescriptionId, input.Round, result.Output, findings, result.Provenance, input.At, Request: input.Request)).ConfigureAwait(false);
        await store.SetJobDescriptionStatusAsync(input.JobDescriptionId, input.Tenant, JobDescriptionStatus.AwaitingReview, input.At).ConfigureAwait(false);
        return new JobDescriptionDraftOutcome(input.Round, result.Output, findings);
    }
}
