using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Telemetry;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Upserts one decision-trail entry (keyed by batch + sequence, numbered by the orchestrator).</summary>
public sealed class RecordDecisionActivity(IScreeningStore store, WorkflowMetrics? metrics = null) : WorkflowActivity<DecisionTrailEntry, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, DecisionTrailEntry input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.RecordDecisionAsync(input).ConfigureAwait(false);
        if (metrics is not null && input.Kind is DecisionKind.Approved or DecisionKind.Rejected or DecisionKind.Expired)
        {
            await RecordFinishedAsync(metrics, input).ConfigureAwait(false);
        }

        return true;
    }

    private async Task RecordFinishedAsync(WorkflowMetrics metrics, DecisionTrailEntry final)
    {
        var outcome = final.Kind.ToString().ToLowerInvariant();
        var batch = await store.GetBatchAsync(final.BatchId, includeProgress: false).ConfigureAwait(false);
        var tags = WorkflowMetrics.Tenant(batch?.Tenant ?? "unknown", WorkflowTelemetry.OutcomeAttribute, outcome);
        metrics.BatchesFinished.Add(1, tags);
        var trail = await store.GetDecisionTrailAsync(final.BatchId).ConfigureAwait(false);
        if (trail.Entries.FirstOrDefault(e => e.Kind == DecisionKind.ReviewRequested) is { } requested && final.At >= requested.At)
        {
            metrics.ReviewWait.Record((final.At - requested.At).TotalSeconds, tags);
        }
    }
}
