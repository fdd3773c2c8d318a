using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Screening;

/// <summary>Output of <see cref="ScreeningBatchOrchestrator"/>.</summary>
/// <param name="BatchId">The batch.</param>
/// <param name="Outcome">Approved, Rejected or Expired.</param>
/// <param name="Total">Candidates submitted.</param>
/// <param name="Screened">Candidates assessed.</param>
/// <param name="Failed">Candidates whose assessment failed after retries (recorded as failed results).</param>
/// <param name="MustHavesMet">Screened candidates meeting every must-have.</param>
/// <param name="Shortlist">The ranked shortlist the reviewer saw.</param>
/// <param name="Escalations">Reviewer timeouts escalated.</param>
/// <param name="DecidedBy">The reviewer, when approved or rejected.</param>
/// <param name="CompletedAt">Orchestration time of the outcome.</param>
public sealed record ScreeningBatchSummary(
    string BatchId,
    ScreeningOutcome Outcome,
    int Total,
    int Screened,
    int Failed,
    int MustHavesMet,
    IReadOnlyList<ShortlistEntry> Shortlist,
    int Escalations,
    string? DecidedBy,
    DateTimeOffset CompletedAt);

/// <summary>One shortlisted candidate (no name: join on <see cref="CandidateId"/> for the reviewer's view).</summary>
/// <param name="TiedAtBoundary">This candidate ties with others at the shortlist's last rank; all of them are in (see <see cref="CandidateRanker.Shortlist"/>).</param>
public sealed record ShortlistEntry(int Rank, string CandidateId, int OverallScore, bool MustHavesMet, bool TiedAtBoundary = false);

[JsonConverter(typeof(JsonStringEnumConverter<ScreeningOutcome>))]
public enum ScreeningOutcome
{
    Approved,
    Rejected,
    Expired,
}
