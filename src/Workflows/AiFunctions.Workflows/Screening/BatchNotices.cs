using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Screening;

/// <summary>What a reviewer must know about a ranked batch before deciding: failed and held candidates, ties at the shortlist boundary, candidates left out because another scorer scored them.</summary>
public static class BatchNotices
{
    /// <summary>One sentence per condition; empty when there is nothing to say. No names or resume text.</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<CandidateResult> results, IReadOnlyList<ShortlistEntry>? shortlist)
    {
        ArgumentNullException.ThrowIfNull(results);
        var notices = new List<string>();
        var failed = results.Count(r => r.Status == CandidateResultStatus.Failed);
        var held = results.Where(r => r.Hold is { IsActive: true }).Select(r => r.CandidateId).ToArray();
        var ranked = results.Count(r => r.Rank is not null);
        if (failed > 0)
        {
            notices.Add($"{failed} of {results.Count} candidates failed to be screened and are not ranked (see each result's error).");
        }

        if (held.Length > 0)
        {
            notices.Add($"{held.Length} candidate(s) are HELD for review (injection signal or an answer that does not hold up) and are kept out of the ranking and shortlist until a reviewer releases them: {string.Join(", ", held)}.");
        }

        if (ranked == 0 && results.Count > 0)
        {
            notices.Add("No candidate was screened and ranked: the batch cannot be approved.");
        }

        var tied = (shortlist ?? []).Where(s => s.TiedAtBoundary).Select(s => s.CandidateId).ToArray();
        if (tied.Length > 0)
        {
            notices.Add($"{tied.Length} candidates tie at the shortlist boundary with equal scores; all of them are shortlisted ({string.Join(", ", tied)}).");
        }

        var scorer = results.Where(r => r.Rank is not null).Select(r => r.Scorer).FirstOrDefault();
        var other = results.Where(r => r.Rank is null && r.IsRankable && scorer is not null && r.Scorer != scorer).Select(r => r.CandidateId).ToArray();
        if (other.Length > 0)
        {
            notices.Add($"{other.Length} candidate(s) were scored by another scorer than the ranking's ({scorer}) and could not be re-scored on it; they are not ranked (scores of two scorers are not comparable): {string.Join(", ", other)}.");
        }

        return notices;
    }
}
