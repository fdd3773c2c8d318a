namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Input of <see cref="ScreeningBatchOrchestrator"/>: one requisition and the candidates to screen against it.
/// Start it with instance id <see cref="WorkflowInstanceIds.Screening"/>(<see cref="BatchId"/>). Check it first with
/// <see cref="ScreeningBatchRequestValidator"/> (hosts turn its problems into 4xx responses).
/// </summary>
/// <param name="BatchId">Business id of the batch (1-64 of letters, digits, '-', '_', '.').</param>
/// <param name="Tenant">Tenant the AI calls are accounted to.</param>
/// <param name="Requisition">What the candidates are screened against.</param>
/// <param name="Candidates">1 to <see cref="WorkflowLimits.MaxCandidatesPerBatch"/> candidates.</param>
/// <param name="ReviewPolicy">Shortlist size and reviewer gate; defaults when null.</param>
/// <param name="Version">Orchestration contract version (<see cref="WorkflowVersions.ScreeningBatch"/>).</param>
/// <param name="Concurrency">Chunking and concurrency; defaults when null.</param>
/// <param name="CorrelationId">Carried onto every AI call and outbound event.</param>
public sealed record ScreeningBatchRequest(
    string BatchId,
    string Tenant,
    RequisitionSpec Requisition,
    IReadOnlyList<CandidateSubmission> Candidates,
    ReviewPolicy? ReviewPolicy = null,
    string Version = WorkflowVersions.ScreeningBatch,
    ScreeningConcurrency? Concurrency = null,
    string? CorrelationId = null);
