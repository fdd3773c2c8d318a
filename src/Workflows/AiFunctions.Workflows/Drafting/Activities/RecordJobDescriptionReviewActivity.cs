using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Drafting.Activities;

/// <summary>Input of <see cref="RecordJobDescriptionReviewActivity"/>.</summary>
/// <param name="Review">The reviewer's answer to <paramref name="Version"/>; null when the wait timed out.</param>
/// <param name="Status">The job description's status after this step.</param>
/// <param name="Error">Why drafting failed (<see cref="JobDescriptionStatus.Failed"/> only; content-free).</param>
public sealed record RecordJobDescriptionReviewInput(string JobDescriptionId, string Tenant, int Version, JobDescriptionReview? Review, JobDescriptionStatus Status, DateTimeOffset At, string? Error = null);

/// <summary>
/// Records the review on the version and sets the job description's status; on approval this publishes the version
/// in the store (ApprovedVersion, ApprovedBy, ApprovedAt). Upserts only: safe to repeat.
/// </summary>
public sealed class RecordJobDescriptionReviewActivity(IScreeningStore store) : WorkflowActivity<RecordJobDescriptionReviewInput, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, RecordJobDescriptionReviewInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Review is not null)
        {
            var record = await store.GetJobDescriptionAsync(input.JobDescriptionId).ConfigureAwait(false);
            var version = record?.Versions.FirstOrDefault(v => v.Version == input.Version)
                ?? throw new InvalidOperationException($"Job description '{input.JobDescriptionId}' has no stored version {input.Version} to record a review on.");
            await store.UpsertJobDescriptionVersionAsync(input.Tenant, version with { Review = input.Review, ReviewedAt = input.At }).ConfigureAwait(false);
        }

        var approved = input.Status == JobDescriptionStatus.Approved;
        await store.SetJobDescriptionStatusAsync(
            input.JobDescriptionId,
            input.Tenant,
            input.Status,
            input.At,
            approved ? input.Version : null,
            approved ? input.Review?.Reviewer : null,
            input.Error).ConfigureAwait(false);
        return true;
    }
}
