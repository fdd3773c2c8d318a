using AiFunctions.Workflows.Screening;

namespace AiFunctions.Hosting.Api;

/// <summary>Answer of <c>GET /api/screenings/{id}</c>: where a batch is.</summary>
/// <param name="RuntimeStatus">The Durable Task runtime status (Pending, Running, Completed, Failed, Terminated); absent once purged.</param>
/// <param name="Failure">Why the orchestration failed, when it did.</param>
/// <param name="Shortlist">Candidate ids on the shortlist, once ranked.</param>
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
    string ReviewUri);
