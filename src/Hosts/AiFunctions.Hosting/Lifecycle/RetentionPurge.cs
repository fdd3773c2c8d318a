using AiFunctions.Events.DeadLetters;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Lifecycle;

/// <summary>
/// The scheduled retention purge (docs/security.md, "Retention"), host-agnostic: the standalone host's
/// <see cref="RetentionPurgeService"/> and the Functions app's timer trigger both call <see cref="RunAsync"/>. Applies
/// <see cref="RetentionOptions"/> per data kind, at least once and idempotently (a second run finds nothing left and
/// records nothing), and appends to each tenant's erasure log (<see cref="IScreeningStore.RecordErasureAsync"/>) one
/// <see cref="CandidateErasure.KindRetentionPurge"/> entry per run that deleted something of that tenant — counts and
/// scoped batch ids only, never the data. Dead letters, which belong to the deployment, are logged under
/// <see cref="CandidateErasure.DeploymentTenant"/>. Logs counts only.
/// </summary>
public sealed partial class RetentionPurge(
    IScreeningStore store,
    IOptions<RetentionOptions> options,
    ILogger<RetentionPurge> logger,
    TimeProvider? time = null,
    DeadLetterService? deadLetters = null)
{
    /// <summary>The actor recorded for scheduled purges (<see cref="CandidateErasure.RequestedBy"/>).</summary>
    public const string ScheduleActor = "system:retention";

    /// <summary>Most batches one run deletes or purges (the rest are found by the next run).</summary>
    public const int MaxBatchesPerRun = 10_000;

    private static readonly HashSet<ScreeningBatchStatus> Finished = [ScreeningBatchStatus.Approved, ScreeningBatchStatus.Rejected, ScreeningBatchStatus.Expired];

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// Runs one purge at the current time. <paramref name="client"/> reaches the task hub (orchestration history);
    /// <paramref name="trigger"/> is recorded (<see cref="CandidateErasure.TriggerSchedule"/> for the timers). Returns what
    /// was deleted. Storage failures propagate (the schedule tries again at its next tick; nothing is half-recorded).
    /// </summary>
    public async Task<RetentionPurgeReport> RunAsync(DurableTaskClient client, string trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var o = options.Value;
        var now = _time.GetUtcNow();
        var tenants = new Dictionary<string, TenantPurge>(StringComparer.Ordinal);
        TenantPurge For(string tenant) => tenants.TryGetValue(tenant, out var t) ? t : tenants[tenant] = new TenantPurge();

        if (o.ResultsDays > 0 || o.OrchestrationHistoryDays > 0)
        {
            var resultsCutoff = o.ResultsDays > 0 ? now.AddDays(-o.ResultsDays) : DateTimeOffset.MinValue;
            var historyCutoff = o.OrchestrationHistoryDays > 0 ? now.AddDays(-o.OrchestrationHistoryDays) : DateTimeOffset.MinValue;
            foreach (var batch in await FinishedBatchesAsync(resultsCutoff > historyCutoff ? resultsCutoff : historyCutoff, cancellationToken).ConfigureAwait(false))
            {
                var purge = For(batch.Tenant);
                if (batch.UpdatedAt < historyCutoff || batch.UpdatedAt < resultsCutoff)
                {
                    // Deleting the records of a batch also purges its history: its input holds the display names.
                    var (purged, _) = await BatchHistory.PurgeIfFinishedAsync(client, batch.BatchId, cancellationToken).ConfigureAwait(false);
                    purge.Instances += purged;
                    purge.Kinds.Add(purged > 0 ? RetentionDataKinds.OrchestrationHistory : null);
                }

                if (batch.UpdatedAt < resultsCutoff)
                {
                    var deleted = await store.DeleteBatchAsync(batch.BatchId, cancellationToken).ConfigureAwait(false);
                    purge.Results += deleted.Results;
                    purge.Resumes += deleted.Resumes;
                    purge.Batches.Add(batch.BatchId);
                    purge.Kinds.Add(RetentionDataKinds.Results);
                }
            }
        }

        if (o.ResumesDays > 0)
        {
            foreach (var (tenant, count) in await store.PurgeResumesAsync(now.AddDays(-o.ResumesDays), cancellationToken).ConfigureAwait(false))
            {
                var purge = For(tenant);
                purge.Resumes += count;
                purge.Kinds.Add(RetentionDataKinds.Resumes);
            }
        }

        var deadLettersDeleted = 0;
        if (o.DeadLettersDays > 0 && deadLetters is not null)
        {
            var cutoff = now.AddDays(-o.DeadLettersDays);
            deadLettersDeleted = await deadLetters.PurgeAsync(m => m.EnqueuedTime < cutoff, cancellationToken).ConfigureAwait(false);
            if (deadLettersDeleted > 0)
            {
                For(CandidateErasure.DeploymentTenant).Kinds.Add(RetentionDataKinds.DeadLetters);
            }
        }

        var recorded = 0;
        foreach (var (tenant, purge) in tenants.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var deadLettersHere = tenant == CandidateErasure.DeploymentTenant ? deadLettersDeleted : 0;
            if (purge.Batches.Count == 0 && purge.Resumes == 0 && purge.Results == 0 && purge.Instances == 0 && deadLettersHere == 0)
            {
                continue;
            }

            await store.RecordErasureAsync(
                new CandidateErasure(
                    tenant,
                    string.Empty,
                    purge.Batches,
                    purge.Resumes,
                    purge.Results,
                    0,
                    purge.Instances,
                    ScheduleActor,
                    now,
                    CandidateErasure.KindRetentionPurge,
                    trigger,
                    deadLettersHere,
                    [.. purge.Kinds.OfType<string>().Order(StringComparer.Ordinal)]),
                cancellationToken).ConfigureAwait(false);
            recorded++;
        }

        var report = new RetentionPurgeReport(
            now,
            tenants.Values.Sum(t => t.Batches.Count),
            tenants.Values.Sum(t => t.Results),
            tenants.Values.Sum(t => t.Resumes),
            tenants.Values.Sum(t => t.Instances),
            deadLettersDeleted,
            recorded);
        LogPurged(report.BatchesDeleted, report.ResultsDeleted, report.ResumesDeleted, report.InstancesPurged, report.DeadLettersDeleted, recorded);
        return report;
    }

    /// <summary>Finished batches of every tenant last updated before <paramref name="before"/>, up to <see cref="MaxBatchesPerRun"/>.</summary>
    private async Task<List<ScreeningBatchRecord>> FinishedBatchesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var found = new List<ScreeningBatchRecord>();
        string? token = null;
        do
        {
            var page = await store.ListBatchesAsync(new RecordQuery(UpdatedTo: before, PageSize: RecordQuery.MaxPageSize, ContinuationToken: token), cancellationToken).ConfigureAwait(false);
            found.AddRange(page.Items.Where(b => Finished.Contains(b.Status)));
            token = page.ContinuationToken;
        }
        while (token is not null && found.Count < MaxBatchesPerRun);
        return found.Count > MaxBatchesPerRun ? found.GetRange(0, MaxBatchesPerRun) : found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge: {Batches} batch(es) deleted, {Results} result(s), {Resumes} resume(s), {Instances} orchestration instance(s), {DeadLetters} dead letter(s); {Recorded} log entry(ies) written")]
    private partial void LogPurged(int batches, int results, int resumes, int instances, int deadLetters, int recorded);

    private sealed class TenantPurge
    {
        public List<string> Batches { get; } = [];

        public HashSet<string?> Kinds { get; } = [];

        public int Resumes { get; set; }

        public int Results { get; set; }

        public int Instances { get; set; }
    }
}

/// <summary>The data kinds of <see cref="RetentionOptions"/>, as recorded in <see cref="CandidateErasure.DataKinds"/>.</summary>
public static class RetentionDataKinds
{
    public const string Resumes = "resumes";
    public const string Results = "results";
    public const string OrchestrationHistory = "orchestration-history";
    public const string DeadLetters = "dead-letters";
}

/// <summary>What one <see cref="RetentionPurge.RunAsync"/> deleted (counts, all tenants).</summary>
public sealed record RetentionPurgeReport(DateTimeOffset At, int BatchesDeleted, int ResultsDeleted, int ResumesDeleted, int InstancesPurged, int DeadLettersDeleted, int EntriesRecorded);
