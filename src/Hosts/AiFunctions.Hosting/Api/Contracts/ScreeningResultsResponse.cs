using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Hosting.Api;

/// <summary>Answer of <c>GET /api/screenings/{id}/results</c>: ranked results with evidence and provenance, and the decision trail.</summary>
/// <param name="Notices">Plain-language notes on how the results were produced (e.g. a non-generative scorer).</param>
public sealed record ScreeningResultsResponse(
    string BatchId,
    ScreeningBatchStatus Status,
    ScreeningProgressCounts? Progress,
    RequisitionSummary Requisition,
    IReadOnlyList<ShortlistEntry>? Shortlist,
    IReadOnlyList<CandidateResult> Results,
    DecisionTrail DecisionTrail,
    IReadOnlyList<string> Notices);

/// <summary>The requisition a batch screens against.</summary>
public sealed record RequisitionSummary(string RequisitionId, string Title);
