using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Upserts one decision-trail entry (keyed by batch + sequence, numbered by the orchestrator).</summary>
public sealed class RecordDecisionActivity(IScreeningStore store) : WorkflowActivity<DecisionTrailEntry, bool>
{
    protected override async Task<bool> ExecuteAsync(TaskActivityContext context, DecisionTrailEntry input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await store.RecordDecisionAsync(input).ConfigureAwait(false);
        return true;
    }
}
