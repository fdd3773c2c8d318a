using AiFunctions.Hosting.Management;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api.Management;

/// <summary>
/// <c>GET /api/manage/overview</c>: health (the readiness checks), circuits per target (<see cref="ITargetHealth"/>),
/// calls and failures per minute (<see cref="CallRates"/>, this host), spend today (<see cref="UsageReader"/>, the caller's
/// tenant across hosts), batches running and items waiting for review (the listing store, the caller's tenant).
/// </summary>
public sealed class OverviewApi(HealthApi health, CallRates rates, UsageReader usage, IScreeningStore store, TimeProvider time, ITargetHealth? targets = null)
{
    public async Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var now = time.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var readiness = await health.ReadinessAsync(cancellationToken).ConfigureAwait(false);
        var spent = UsageApi.Sum(today, caller.Tenant, await usage.ReadAsync(caller.Tenant, today, today.AddDays(1), cancellationToken).ConfigureAwait(false));
        var (running, runningCapped) = await CountBatchesAsync(caller.Tenant, [ScreeningBatchStatus.Accepted, ScreeningBatchStatus.Screening, ScreeningBatchStatus.Ranking], cancellationToken).ConfigureAwait(false);
        var (screenings, screeningsCapped) = await CountBatchesAsync(caller.Tenant, [ScreeningBatchStatus.AwaitingReview], cancellationToken).ConfigureAwait(false);
        var (drafts, draftsCapped) = await CountDraftsAsync(caller.Tenant, cancellationToken).ConfigureAwait(false);
        var overview = new Overview(
            now, caller.Tenant, readiness, targets?.Targets ?? [],
            [.. rates.Snapshot().Select(m => new MinuteCalls(m.Minute, m.Calls, m.Failures))],
            spent, new OverviewWork(running, screenings, drafts, runningCapped || screeningsCapped || draftsCapped));
        return Results.Json(overview, ApiJson.Options);
    }

    private async Task<(int Count, bool Capped)> CountBatchesAsync(string tenant, ScreeningBatchStatus[] statuses, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var status in statuses)
        {
            string? token = null;
            do
            {
                var page = await store.ListBatchesAsync(new RecordQuery(tenant, status.ToString(), PageSize: RecordQuery.MaxPageSize, ContinuationToken: token), cancellationToken).ConfigureAwait(false);
                count += page.Items.Count(b => ListingApi.OwnId(tenant, b.BatchId) is not null);
                token = page.ContinuationToken;
            }
            while (token is not null && count < OverviewWork.CountLimit);
        }

        return (Math.Min(count, OverviewWork.CountLimit), count >= OverviewWork.CountLimit);
    }

    private async Task<(int Count, bool Capped)> CountDraftsAsync(string tenant, CancellationToken cancellationToken)
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await store.ListJobDescriptionsAsync(new RecordQuery(tenant, nameof(JobDescriptionStatus.AwaitingReview), PageSize: RecordQuery.MaxPageSize, ContinuationToken: token), cancellationToken).ConfigureAwait(false);
            count += page.Items.Count(j => ListingApi.OwnId(tenant, j.JobDescriptionId) is not null);
            token = page.ContinuationToken;
        }
        while (token is not null && count < OverviewWork.CountLimit);

        return (Math.Min(count, OverviewWork.CountLimit), count >= OverviewWork.CountLimit);
    }
}
