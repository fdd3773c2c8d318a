using AiFunctions.Workflows.Storage;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>What the chunk orchestrator needs to count and rank one settled candidate; the full result is in the store.</summary>
public sealed record CandidateScreeningOutcome(string CandidateId, CandidateResultStatus Status, int OverallScore, bool MustHavesMet, int FlagCount)
{
    internal static CandidateScreeningOutcome Of(CandidateResult result) =>
        new(result.CandidateId, result.Status, result.Assessment?.OverallScore ?? 0, result.Assessment?.MustHavesMet ?? false, result.Flags.Count);
}
