using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Orders screened candidates: the must-have gate first (all must-haves met before any that are not), then overall
/// score (higher first), then candidate id (ordinal) as a stable tie-break. Failed candidates get no rank.
/// </summary>
public static class CandidateRanker
{
    /// <summary>Every result, screened ones with their 1-based rank, failed ones after them without one.</summary>
    public static IReadOnlyList<CandidateResult> Rank(IEnumerable<CandidateResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var all = results.ToArray();
        var screened = all
            .Where(r => r.Status == CandidateResultStatus.Screened && r.Assessment is not null)
            .OrderByDescending(r => r.Assessment!.MustHavesMet)
            .ThenByDescending(r => r.Assessment!.OverallScore)
            .ThenBy(r => r.CandidateId, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 });
        var unranked = all
            .Where(r => r.Status != CandidateResultStatus.Screened || r.Assessment is null)
            .OrderBy(r => r.CandidateId, StringComparer.Ordinal)
            .Select(r => r with { Rank = null });
        return screened.Concat(unranked).ToArray();
    }

    /// <summary>The top <paramref name="size"/> ranked candidates that meet every must-have.</summary>
    public static IReadOnlyList<ShortlistEntry> Shortlist(IEnumerable<CandidateResult> ranked, int size) =>
        ranked
            .Where(r => r.Rank is not null && r.Assessment is { MustHavesMet: true })
            .OrderBy(r => r.Rank)
            .Take(size)
            .Select(r => new ShortlistEntry(r.Rank!.Value, r.CandidateId, r.Assessment!.OverallScore, true))
            .ToArray();
}
