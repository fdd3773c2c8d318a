using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>What the chunk orchestrator needs to count and rank one settled candidate; the full result is in the store.</summary>
/// <param name="Held">Screened but held for a reviewer (not ranked until released).</param>
/// <param name="Scorer">Who scored it (<see cref="ScreeningScorer.Key"/>); null when it failed.</param>
public sealed record CandidateScreeningOutcome(string CandidateId, CandidateResultStatus Status, int OverallScore, bool MustHavesMet, int FlagCount, bool Held = false, string? Scorer = null)
{
    internal static CandidateScreeningOutcome Of(CandidateResult result) =>
        new(result.CandidateId, result.Status, result.Assessment?.OverallScore ?? 0, result.Assessment?.MustHavesMet ?? false, result.Flags.Count,
            result.Status == CandidateResultStatus.Screened && result.Hold is { IsActive: true }, result.Scorer);
}
