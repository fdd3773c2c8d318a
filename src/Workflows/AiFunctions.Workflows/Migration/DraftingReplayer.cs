using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// The drafting side of replays (docs/migration.md, "Replay of drafting requests"): which stored versions a drafting
/// replay covers (<see cref="LoadAsync"/>), one version drafted again on the candidate target (<see cref="ReplayAsync"/>:
/// through <see cref="IAiFunctionEvaluator"/>, the drafting route's per-target pipeline, one attempt, usage booked to the
/// shadow ledger and the route's shadow budget, then the same automatic checks as the workflow's drafts,
/// <see cref="IJobDescriptionChecks"/>: inclusive language and required sections), and the comparison of both sides
/// (<see cref="DraftingReplays.Compare"/>). <see cref="ReplayRunner"/> runs it as the background job. The primary side is the stored
/// versions' own findings. Reads the screening store only: stored drafts, their findings, reviews, approvals and
/// statuses are never written. Returns verdicts and counts, no text. Microsoft.Extensions.AI.Evaluation's evaluators
/// were not used: its quality evaluators need a judge model, and the pass/fail checks the workflow already applies are
/// what a switch must not make worse.
/// </summary>
internal sealed class DraftingReplayer(
    IScreeningStore store,
    IAiFunctionEvaluator evaluator,
    JobDescriptionDraftFunction function,
    IJobDescriptionChecks checks,
    TimeProvider time)
{
    /// <summary>The workflow name the replayed drafting calls are accounted to, in the shadow ledger.</summary>
    public const string WorkflowName = "migration-drafting-replay";

    /// <summary>
    /// The stored versions <paramref name="selection"/> covers in <paramref name="tenant"/>, in id then version order:
    /// versions drafted at or before <see cref="DraftingSelection.AsOf"/> that kept their request. Counts ids that are
    /// not (or no longer) job descriptions of the tenant, and versions without a kept request.
    /// </summary>
    public async Task<DraftingWork> LoadAsync(string tenant, DraftingSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var items = new List<DraftingItem>();
        var notFound = 0;
        var withoutRequest = 0;
        foreach (var id in selection.JobDescriptionIds.Distinct(StringComparer.Ordinal))
        {
            var record = ResourceIds.IsValid(id)
                ? await store.GetJobDescriptionAsync(ResourceIds.Scope(tenant, id), cancellationToken).ConfigureAwait(false)
                : null;
            if (record is null || !string.Equals(record.Tenant, tenant, StringComparison.Ordinal))
            {
                notFound++;
                continue;
            }

            foreach (var version in record.Versions.Where(v => v.CreatedAt <= selection.AsOf).OrderBy(v => v.Version))
            {
                if (version.Request is null)
                {
                    withoutRequest++;
                }
                else
                {
                    items.Add(new DraftingItem(DraftingReplays.ItemId(id, version.Version), version));
                }
            }
        }

        return new DraftingWork(items, notFound, withoutRequest);
    }

    /// <summary>Drafts <paramref name="item"/>'s request again on <paramref name="target"/> and checks the new draft; writes nothing.</summary>
    public async Task<ReplayCandidateResult> ReplayAsync(string replayId, DraftingItem item, RouteTargetOptions target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var stored = item.Version;
        var primary = Verdict.Of(stored.Findings);
        var evaluation = await evaluator.EvaluateAsync(function, stored.Request!, target, cancellationToken).ConfigureAwait(false);
        var candidate = evaluation.Output is { } draft ? Verdict.Of(checks.Check(draft)) : null;
        var verdicts = new DraftingVerdicts(
            $"{stored.Provenance.ProviderInstance}/{stored.Provenance.Model}", primary.InclusiveLanguage, primary.RequiredSections,
            candidate?.InclusiveLanguage, candidate?.RequiredSections);
        return new ReplayCandidateResult(replayId, item.ItemId, evaluation.Side, false, [], evaluation.Output is not null, time.GetUtcNow(), verdicts);
    }

    /// <summary>Which checks one draft passed (no finding of that check).</summary>
    internal sealed record Verdict(bool InclusiveLanguage, bool RequiredSections)
    {
        public static Verdict Of(IReadOnlyList<JobDescriptionFinding> findings) => new(
            !findings.Any(f => f.Check == HrJobDescriptionChecks.InclusiveLanguage),
            !findings.Any(f => f.Check == HrJobDescriptionChecks.RequiredSections));
    }
}

/// <summary>One stored draft version a drafting replay covers, under its item id (<see cref="DraftingReplays.ItemId"/>).</summary>
internal sealed record DraftingItem(string ItemId, JobDescriptionVersion Version);

/// <summary>What a drafting replay covers: the versions to replay, ids not found, versions without a kept request.</summary>
internal sealed record DraftingWork(IReadOnlyList<DraftingItem> Items, int NotFound, int WithoutRequest);
