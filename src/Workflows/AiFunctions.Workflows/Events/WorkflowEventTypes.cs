namespace AiFunctions.Workflows.Events;

/// <summary>The event types the workflows publish (CloudEvents "type").</summary>
public static class WorkflowEventTypes
{
    public const string ScreeningReviewRequired = "ai.screening.review-required";
    public const string ScreeningReviewEscalated = "ai.screening.review-escalated";
    public const string ScreeningCompleted = "ai.screening.completed";
    public const string ScreeningExpired = "ai.screening.expired";
    public const string JobDescriptionReviewRequired = "ai.jobdescription.review-required";
    public const string JobDescriptionApproved = "ai.jobdescription.approved";
    public const string JobDescriptionExpired = "ai.jobdescription.expired";

    /// <summary>A reviewer asked for a revision on the last allowed round: the workflow ended without an approved version.</summary>
    public const string JobDescriptionRevisionLimitReached = "ai.jobdescription.revision-limit-reached";
}
