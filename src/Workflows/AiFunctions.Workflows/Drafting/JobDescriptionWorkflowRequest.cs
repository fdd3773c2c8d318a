using AiFunctions.HrFunctions.Drafting;

namespace AiFunctions.Workflows.Drafting;

/// <summary>
/// Input of <see cref="JobDescriptionOrchestrator"/>; start it with instance id
/// <see cref="WorkflowInstanceIds.JobDescription"/>(<see cref="JobDescriptionId"/>).
/// </summary>
/// <param name="JobDescriptionId">Business id (1-64 of letters, digits, '-', '_', '.').</param>
/// <param name="Tenant">Tenant the AI calls are accounted to.</param>
/// <param name="Request">What the hiring manager asks for (PreviousDraft and RevisionComments are set by the workflow).</param>
/// <param name="ReviewPolicy">Review timeout and rounds; defaults when null.</param>
/// <param name="Version">Orchestration contract version (<see cref="WorkflowVersions.JobDescription"/>).</param>
/// <param name="CorrelationId">Carried onto every AI call and outbound event.</param>
public sealed record JobDescriptionWorkflowRequest(
    string JobDescriptionId,
    string Tenant,
    JobDescriptionRequest Request,
    JobDescriptionReviewPolicy? ReviewPolicy = null,
    string Version = WorkflowVersions.JobDescription,
    string? CorrelationId = null);

/// <summary>How long each review may take and how many drafts (rounds) there may be.</summary>
public sealed record JobDescriptionReviewPolicy
{
    /// <summary>Wait per round (whole seconds; at least 1 s). Default 7 days. On timeout the workflow ends as expired.</summary>
    public TimeSpan ReviewTimeout { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Drafts including the first, 1-<see cref="WorkflowLimits.MaxJobDescriptionRounds"/>. Default 3.</summary>
    public int MaxRounds { get; init; } = 3;
}
