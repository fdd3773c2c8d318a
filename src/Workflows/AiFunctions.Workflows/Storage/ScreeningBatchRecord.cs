using AiFunctions.Workflows.Screening;

namespace AiFunctions.Workflows.Storage;

/// <summary>A persisted batch: what was asked, where it is, and (when read) its progress.</summary>
/// <param name="Progress">Candidates done so far, counted from the stored results when the record is read.</param>
/// <param name="Shortlist">Set by ranking.</param>
/// <param name="ScorerChanges">Each failover that changed the batch's scorer and the re-scoring it caused (docs/fairness.md).</param>
/// <param name="Scorers">The distinct scorers of the screened candidates, read with the progress.</param>
public sealed record ScreeningBatchRecord(
    string BatchId,
    string Tenant,
    RequisitionSpec Requisition,
    ReviewPolicy ReviewPolicy,
    int Total,
    ScreeningBatchStatus Status,
    string Version,
    string? CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    BatchProgress? Progress = null,
    IReadOnlyList<ShortlistEntry>? Shortlist = null,
    IReadOnlyList<ScorerChange>? ScorerChanges = null,
    IReadOnlyList<string>? Scorers = null);

/// <summary>Done = screened + failed, out of Total; Held = screened candidates held for a reviewer.</summary>
public sealed record BatchProgress(int Total, int Screened, int Failed, int Held = 0)
{
    public int Done => Screened + Failed;
}
