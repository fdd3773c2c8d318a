using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Orders screened candidates: the must-have gate first (all must-haves met before any that are not), then overall
/// score (higher first). Equal (gate, score) means equal rank (competition ranking "1, 2, 2, 4"): nothing derived from
/// ids, names or submission order separates them. Held candidates (<see cref="CandidateHold"/>) and failed ones get no
/// rank. The candidate id orders equal ranks only for display. One ranking, one scorer: scores of two scorers
/// (<see cref="ScreeningScorer"/>) are on different scales, so candidates of another scorer than the batch's get no rank,
/// and a ranking that would still mix scorers is refused (<see cref="InvalidOperationException"/>).
/// </summary>
internal static class CandidateRanker
{
    /// <summary>
    /// Every result, rankable ones with their 1-based rank, the others (held, failed, scored by another scorer than
    /// <paramref name="scorer"/>) after them without one.
    /// </summary>
    /// <param name="scorer">The batch's scorer; null ranks every rankable result, which must then share one scorer.</param>
    /// <exception cref="InvalidOperationException">The rankable results were scored by more than one scorer.</exception>
    public static IReadOnlyList<CandidateResult> Rank(IEnumerable<CandidateResult> results, string? scorer = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var all = results.ToArray();
        var candidates = all.Where(r => IsRanked(r, scorer)).ToArray();
        var scorers = candidates.Select(r => r.Scorer).Distinct(StringComparer.Ordinal).ToArray();
        if (scorers.Length > 1)
        {
            throw new InvalidOperationException(
                $"A ranking would mix {scorers.Length} scorers ({string.Join(", ", scorers.Order(StringComparer.Ordinal))}): their scores are on different scales. Rank on one scorer (re-score the others first).");
        }

        var rankable = candidates
            .OrderByDescending(r => r.Assessment!.MustHavesMet)
            .ThenByDescending(r => r.Assessment!.OverallScore)
            .ThenBy(r => r.CandidateId, StringComparer.Ordinal)
            .ToArray();
        var ranked = new List<CandidateResult>(all.Length);
        for (var i = 0; i < rankable.Length; i++)
        {
            var tiedWithPrevious = i > 0 && Key(rankable[i]) == Key(rankable[i - 1]);
            ranked.Add(rankable[i] with { Rank = tiedWithPrevious ? ranked[i - 1].Rank : i + 1 });
        }

        var unranked = all
            .Where(r => !IsRanked(r, scorer))
            .OrderBy(r => r.CandidateId, StringComparer.Ordinal)
            .Select(r => r with { Rank = null });
        return ranked.Concat(unranked).ToArray();
    }

    /// <summary>
    /// The ranked candidates that meet every must-have with a rank within <paramref name="size"/>: when a tie crosses
    /// the boundary, every tied candidate is in (the shortlist is then longer than <paramref name="size"/>, and each
    /// entry of the tie says so in <see cref="ShortlistEntry.TiedAtBoundary"/>).
    /// </summary>
    public static IReadOnlyList<ShortlistEntry> Shortlist(IEnumerable<CandidateResult> ranked, int size)
    {
        var eligible = ranked
            .Where(r => r.Rank is not null && r.Assessment is { MustHavesMet: true })
            .OrderBy(r => r.Rank)
            .ThenBy(r => r.CandidateId, StringComparer.Ordinal)
            .ToArray();
        var inside = eligible.Where(r => r.Rank <= size).ToArray();
        var crosses = inside.Length > size || (inside.Length == size && eligible.Length > size && eligible[size].Rank == inside[^1].Rank);
        var boundaryRank = inside.Length > 0 ? inside[^1].Rank : null;
        return inside
            .Select(r => new ShortlistEntry(r.Rank!.Value, r.CandidateId, r.Assessment!.OverallScore, true, crosses && r.Rank == boundaryRank && inside.Count(x => x.Rank == boundaryRank) > 1))
            .ToArray();
    }

    private static bool IsRanked(CandidateResult r, string? scorer) =>
        r.IsRankable && (scorer is null || string.Equals(r.Scorer, scorer, StringComparison.Ordinal));

    private static (bool, int) Key(CandidateResult r) => (r.Assessment!.MustHavesMet, r.Assessment.OverallScore);
}
