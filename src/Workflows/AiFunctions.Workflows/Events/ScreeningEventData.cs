using AiFunctions.Workflows.Screening;

namespace AiFunctions.Workflows.Events;

/// <summary>Data of <see cref="WorkflowEventTypes.ScreeningReviewRequired"/> and <see cref="WorkflowEventTypes.ScreeningReviewEscalated"/>.</summary>
/// <param name="Escalation">0 for the first request, then 1, 2, ... for each escalation.</param>
/// <param name="ReviewDeadline">When this wait times out.</param>
public sealed record ScreeningReviewEventData(
    string BatchId,
    string RequisitionId,
    string InstanceId,
    int ShortlistCount,
    IReadOnlyList<string> ShortlistCandidateIds,
    int Escalation,
    DateTimeOffset ReviewDeadline);

/// <summary>Data of <see cref="WorkflowEventTypes.ScreeningCompleted"/> and <see cref="WorkflowEventTypes.ScreeningExpired"/>.</summary>
public sealed record ScreeningCompletedEventData(
    string BatchId,
    string RequisitionId,
    string InstanceId,
    ScreeningOutcome Outcome,
    int Total,
    int Screened,
    int Failed,
    IReadOnlyList<string> ShortlistCandidateIds,
    string? DecidedBy,
    int Escalations);
