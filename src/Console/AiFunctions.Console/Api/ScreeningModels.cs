namespace AiFunctions.Console.Api;

// The console's view of the screening endpoints' JSON (camelCase, enums as names). Only the fields the pages show;
// unknown fields are ignored, so the API can add fields without breaking the console.

/// <summary><c>GET /api/screenings</c>: one page of the tenant's batches.</summary>
public sealed record ScreeningBatchList(IReadOnlyList<ScreeningBatchListItem> Items, string? ContinuationToken);

/// <summary>One batch in <see cref="ScreeningBatchList"/>.</summary>
public sealed record ScreeningBatchListItem(string BatchId, string RequisitionId, string Title, string Status, int Total, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Candidates of a batch: done = screened + failed, out of total.</summary>
public sealed record ProgressCounts(int Done, int Total, int Screened, int Failed);

/// <summary><c>GET /api/screenings/{id}</c>: where a batch is.</summary>
public sealed record ScreeningStatus(string BatchId, string Status, string? RuntimeStatus, string? Failure, ProgressCounts Progress, IReadOnlyList<string>? Shortlist, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt)
{
    /// <summary>True while the batch still changes without a reviewer (screening or ranking).</summary>
    public bool IsRunning => Status is "Accepted" or "Screening" or "Ranking";
}

/// <summary><c>GET /api/screenings/{id}/results</c>: ranked results with evidence, provenance and the decision trail.</summary>
public sealed record ScreeningResults(
    string BatchId,
    string Status,
    ProgressCounts? Progress,
    RequisitionSummary Requisition,
    IReadOnlyList<ShortlistEntry>? Shortlist,
    IReadOnlyList<CandidateResult> Results,
    DecisionTrail DecisionTrail,
    IReadOnlyList<string> Notices);

/// <summary>The requisition a batch screens against.</summary>
public sealed record RequisitionSummary(string RequisitionId, string Title);

/// <summary>One shortlisted candidate (competition ranking: equal scores share a rank).</summary>
public sealed record ShortlistEntry(int Rank, string CandidateId, int OverallScore, bool MustHavesMet, bool TiedAtBoundary);

/// <summary>The stored outcome of screening one candidate.</summary>
public sealed record CandidateResult(
    string CandidateId,
    string DisplayName,
    string Status,
    Assessment? Assessment,
    Provenance? Provenance,
    IReadOnlyList<SanitizerFlag>? Flags,
    int RedactedItems,
    DateTimeOffset RecordedAt,
    int? Rank,
    string? Error,
    CandidateHold? Hold)
{
    /// <summary>Held for a reviewer and not yet released.</summary>
    public bool IsHeld => Hold is not null && Hold.ReleasedBy is null;
}

/// <summary>The assessment: per-criterion scores with verbatim evidence, the must-have gate, concerns and a summary.</summary>
public sealed record Assessment(IReadOnlyList<CriterionAssessment> Criteria, bool MustHavesMet, int OverallScore, IReadOnlyList<string> Concerns, string Summary);

/// <summary>One criterion's score (0-100), whether it is met, the evidence quotes and the rationale.</summary>
public sealed record CriterionAssessment(string CriterionId, int Score, bool Met, IReadOnlyList<string> Evidence, string Rationale);

/// <summary>Which function version, route, provider instance, plugin and model produced an assessment.</summary>
public sealed record Provenance(string Function, string FunctionVersion, string Route, string ProviderInstance, string Plugin, string PluginVersion, string Model, bool Generative, int Attempts, bool Repaired);

/// <summary>What the sanitiser removed or flagged before the AI call.</summary>
public sealed record SanitizerFlag(string Kind, string Detail);

/// <summary>Why a candidate is held, and who released it.</summary>
public sealed record CandidateHold(IReadOnlyList<string> Reasons, string? ReleasedBy, DateTimeOffset? ReleasedAt, string? ReleaseComment);

/// <summary>Who decided what and when, and which model scored each candidate.</summary>
public sealed record DecisionTrail(IReadOnlyList<DecisionTrailEntry> Entries, IReadOnlyList<ScoringRecord> Scoring);

/// <summary>One step of the decision trail.</summary>
public sealed record DecisionTrailEntry(int Sequence, string Kind, string Actor, DateTimeOffset At, string? Comment, IReadOnlyDictionary<string, string>? Details);

/// <summary>Which scorer scored a candidate.</summary>
public sealed record ScoringRecord(string CandidateId, string Function, string FunctionVersion, string ProviderInstance, string Plugin, string PluginVersion, string Model, DateTimeOffset ScoredAt);

/// <summary>Body of <c>POST /api/screenings/{id}/review</c> (the reviewer is the signed-in caller, never a field).</summary>
public sealed record ShortlistReview(string Decision, string? Comment, IReadOnlyList<HoldRelease>? Releases);

/// <summary>A held candidate released into the ranking, with the reviewer's reason.</summary>
public sealed record HoldRelease(string CandidateId, string Comment);

/// <summary>202 answer of a shortlist review.</summary>
public sealed record ShortlistReviewAccepted(string BatchId, string Decision, string Reviewer);
