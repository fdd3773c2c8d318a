namespace AiFunctions.Workflows.Migration;

/// <summary>
/// The pure parts of drafting replays: the bound on a selection, the item id of a stored version, and the comparison of
/// both sides' check verdicts (<see cref="DraftingReplayer"/> replays; <see cref="ReplayRunner"/> runs the job).
/// </summary>
public static class DraftingReplays
{
    /// <summary>The most job descriptions one drafting replay takes (by ids or from a time window).</summary>
    public const int MaxJobDescriptions = 200;

    /// <summary>The replay item id of one stored version: "{jobDescriptionId}.v{version}".</summary>
    public static string ItemId(string jobDescriptionId, int version) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{jobDescriptionId}.v{version}");

    /// <summary>
    /// Both sides' pass counts and rates of the inclusive-language and required-sections checks over the replayed
    /// versions <paramref name="results"/> (rows without drafting verdicts are ignored), and their agreement. Pure.
    /// </summary>
    public static DraftingReplayComparison Compare(IEnumerable<ReplayCandidateResult> results, string candidateTarget, int notFound, int withoutRequest)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.Where(r => r.Drafting is not null).OrderBy(r => r.CandidateId, StringComparer.Ordinal).Select(r => r.Drafting!).ToArray();
        var primary = rows.Select(r => (DraftingReplayer.Verdict?)new DraftingReplayer.Verdict(r.PrimaryInclusiveLanguage, r.PrimaryRequiredSections)).ToArray();
        var candidate = rows.Select(r => r.CandidateInclusiveLanguage is { } i && r.CandidateRequiredSections is { } s ? new DraftingReplayer.Verdict(i, s) : null).ToArray();
        var primaryName = string.Join(", ", rows.Select(r => r.PrimaryTarget).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return new DraftingReplayComparison(
            rows.Length, notFound, withoutRequest,
            Side(primaryName.Length == 0 ? "none" : primaryName, primary),
            Side(candidateTarget, candidate),
            Agreement(primary, candidate, o => o.InclusiveLanguage),
            Agreement(primary, candidate, o => o.RequiredSections));
    }

    private static DraftingSide Side(string target, IReadOnlyList<DraftingReplayer.Verdict?> outcomes)
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
    private static double? Agreement(IReadOnlyList<DraftingReplayer.Verdict?> primary, IReadOnlyList<DraftingReplayer.Verdict?> candidate, Func<DraftingReplayer.Verdict, bool> check)
    {
        var compared = Enumerable.Range(0, primary.Count).Where(i => primary[i] is not null && candidate[i] is not null).ToArray();
        return compared.Length == 0 ? null : (double)compared.Count(i => check(primary[i]!) == check(candidate[i]!)) / compared.Length;
    }

    private static double? Rate(int passed, int drafts) => drafts == 0 ? null : (double)passed / drafts;

}

/// <summary>
/// A drafting replay compared: per side how many drafts passed the inclusive-language check, the required-sections check
/// and both. Rates are over all replayed drafts (a draft the candidate failed to produce counts as not passing).
/// </summary>
/// <param name="Drafts">Stored versions replayed (those that kept their request).</param>
/// <param name="NotFound">Ids that are not (or no longer) job descriptions of the caller's tenant.</param>
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
