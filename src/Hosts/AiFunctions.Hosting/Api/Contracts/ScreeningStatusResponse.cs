using AiFunctions.Workflows.Screening;

namespace AiFunctions.Hosting.Api;

/// <summary>Answer of <c>GET /api/screenings/{id}</c>: where a batch is.</summary>
/// <param name="RuntimeStatus">The Durable Task runtime status (Pending, Running, Completed, Failed, Terminated); absent once purged.</param>
/// <param name="Failure">Why the orchestration failed, when it did.</param>
/// <param name="Shortlist">Candidate ids on the shortlist, once ranked.</param>
/// <param name="Scorers">Who scored the screened candidates ("instance/model@function:version"); once ranked, the ranking's one scorer.</param>
/// <param name="ScorerChanges">Each failover that changed the batch's scorer and the re-scoring it caused (also in the decision trail as ScorerChanged).</param>
public sealed record ScreeningStatusResponse(
    string BatchId,
    ScreeningBatchStatus Status,
    string? RuntimeStatus,
    string? Failure,
    ScreeningProgressCounts Progress,
    IReadOnlyList<string>? Shortlist,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    string ResultsUri,
    string ReviewUri,
    IReadOnlyList<string>? Scorers = null,
    IReadOnlyList<ScorerChange>? ScorerChanges = null);
