using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// Replays stored job-description drafting requests on a candidate target (docs/migration.md, "Replay of drafting
/// requests"): every stored version of the given job descriptions that kept its request is drafted again through
/// <see cref="IAiFunctionEvaluator"/> (the drafting route's per-target pipeline, one attempt, usage booked to the shadow
/// ledger and the route's shadow budget) and goes through the same automatic checks (<see cref="IJobDescriptionChecks"/>:
/// inclusive language and required sections) as the workflow's drafts. The primary side is the stored versions' own
/// findings. Reads the store only: stored drafts, their findings, reviews and statuses are never written. Returns counts
/// and rates, no text. Microsoft.Extensions.AI.Evaluation's evaluators were not used: its quality evaluators need a judge
/// model, and the pass/fail checks the workflow already applies are what a switch must not make worse.
/// </summary>
internal sealed class DraftingReplayer(
    IScreeningStore store,
    IAiFunctionEvaluator evaluator,
    JobDescriptionDraftFunction function,
    IJobDescriptionChecks checks,
    IOptions<MigrationOptions> options)
{
    /// <summary>The workflow name the replayed drafting calls are accounted to, in the shadow ledger.</summary>
    public const string WorkflowName = "migration-drafting-replay";

    /// <summary>The most job descriptions one replay takes.</summary>
    public const int MaxJobDescriptions = 200;

    /// <summary>
    /// Replays the stored versions of <paramref name="jobDescriptionIds"/> (those of <paramref name="tenant"/>; others
    /// and unknown ids are counted as not found) on <paramref name="target"/>. Throws <see cref="ArgumentException"/> for an
    /// empty or too long id list or a target that is not a configured instance and model.
    /// </summary>
    public async Task<DraftingReplayComparison> RunAsync(string tenant, IReadOnlyCollection<string> jobDescriptionIds, RouteTargetOptions target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobDescriptionIds);
        ArgumentNullException.ThrowIfNull(target);
        if (jobDescriptionIds.Count is 0 or > MaxJobDescriptions)
        {
            throw new ArgumentException($"give between 1 and {MaxJobDescriptions} job description ids (got {jobDescriptionIds.Count}).", nameof(jobDescriptionIds));
        }

        var versions = new List<JobDescriptionVersion>();
        var notFound = 0;
        var withoutRequest = 0;
        foreach (var id in jobDescriptionIds.Distinct(StringComparer.Ordinal))
        {
            var record = await store.GetJobDescriptionAsync(id, cancellationToken).ConfigureAwait(false);
            if (record is null || !string.Equals(record.Tenant, tenant, StringComparison.Ordinal))
            {
                notFound++;
                continue;
            }

            foreach (var version in record.Versions)
            {
                if (version.Request is null)
                {
                    withoutRequest++;
                }
                else
                {
                    versions.Add(version);
                }
            }
        }

        var primary = versions.Select(v => Outcome.Of(v.Findings)).ToArray();
        var candidate = new Outcome?[versions.Count];
        using var context = AiCallContext.Begin(new AiCallContext(tenant, WorkflowName, "drafting-replay"));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Replay.MaxConcurrentCalls, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, versions.Count), parallel, async (i, token) =>
        {
            var evaluation = await evaluator.EvaluateAsync(function, versions[i].Request!, target, token).ConfigureAwait(false);
            candidate[i] = evaluation.Output is { } draft ? Outcome.Of(checks.Check(draft)) : null;
        }).ConfigureAwait(false);

        var targetName = $"{target.Provider}/{target.Model}";
        var primaryName = string.Join(", ", versions.Select(v => $"{v.Provenance.ProviderInstance}/{v.Provenance.Model}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return new DraftingReplayComparison(
            versions.Count, notFound, withoutRequest,
            Side(primaryName.Length == 0 ? "none" : primaryName, primary),
            Side(targetName, candidate),
            Agreement(primary, candidate, o => o.InclusiveLanguage),
            Agreement(primary, candidate, o => o.RequiredSections));
    }

    private static DraftingSide Side(string target, IReadOnlyList<Outcome?> outcomes)
    {
        var drafts = outcomes.Count;
        var valid = outcomes.Count(o => o is not null);
        var inclusive = outcomes.Count(o => o is { InclusiveLanguage: true });
        var sections = outcomes.Count(o => o is { RequiredSections: true });
        var both = outcomes.Count(o => o is { InclusiveLanguage: true, RequiredSections: true });
        return new DraftingSide(target, drafts, valid, drafts - valid, inclusive, sections, both,
            Rate(inclusive, drafts), Rate(sections, drafts), Rate(both, drafts));
    }

    /// <summary>Share of drafts where both sides drafted and the check gave the same verdict; null without such drafts.</summary>
    private static double? Agreement(IReadOnlyList<Outcome> primary, IReadOnlyList<Outcome?> candidate, Func<Outcome, bool> check)
    {
        var compared = Enumerable.Range(0, primary.Count).Where(i => candidate[i] is not null).ToArray();
        return compared.Length == 0 ? null : (double)compared.Count(i => check(primary[i]) == check(candidate[i]!)) / compared.Length;
    }

    private static double? Rate(int passed, int drafts) => drafts == 0 ? null : (double)passed / drafts;

    /// <summary>Which checks one draft passed (no finding of that check).</summary>
    private sealed record Outcome(bool InclusiveLanguage, bool RequiredSections)
    {
        public static Outcome Of(IReadOnlyList<JobDescriptionFinding> findings) => new(
            !findings.Any(f => f.Check == HrJobDescriptionChecks.InclusiveLanguage),
            !findings.Any(f => f.Check == HrJobDescriptionChecks.RequiredSections));
    }
}

/// <summary>
/// A drafting replay compared: per side how many drafts passed the inclusive-language check, the required-sections check
/// and both. Rates are over all replayed drafts (a draft the candidate failed to produce counts as not passing).
/// </summary>
/// <param name="Drafts">Stored versions replayed (those that kept their request).</param>
/// <param name="NotFound">Ids that are not job descriptions of the caller's tenant.</param>
/// <param name="WithoutRequest">Stored versions that did not keep their request (stored before it was kept): not replayed.</param>
/// <param name="InclusiveLanguageAgreement">Share of drafts both sides produced where the inclusive-language verdicts agree.</param>
/// <param name="RequiredSectionsAgreement">The same for the required-sections check.</param>
public sealed record DraftingReplayComparison(
    int Drafts,
    int NotFound,
    int WithoutRequest,
    DraftingSide Primary,
    DraftingSide Candidate,
    double? InclusiveLanguageAgreement,
    double? RequiredSectionsAgreement);

/// <summary>One side of a drafting replay: the target(s), drafts, valid drafts, failures, and the checks' pass counts and rates (0-1, null without drafts).</summary>
public sealed record DraftingSide(
    string Target,
    int Drafts,
    int Valid,
    int Failed,
    int InclusiveLanguagePassed,
    int RequiredSectionsPassed,
    int BothPassed,
    double? InclusiveLanguagePassRate,
    double? RequiredSectionsPassRate,
    double? BothPassRate);
