using AiFunctions.Workflows.Events;

namespace AiFunctions.Events.Contracts;

/// <summary>CloudEvents <c>type</c> values of the events this service publishes (the workflows' plus the kernel's).</summary>
internal static class AiEventTypes
{
    public const string ScreeningCompleted = WorkflowEventTypes.ScreeningCompleted;
    public const string ScreeningReviewRequired = WorkflowEventTypes.ScreeningReviewRequired;
    public const string ScreeningReviewEscalated = WorkflowEventTypes.ScreeningReviewEscalated;
    public const string ScreeningExpired = WorkflowEventTypes.ScreeningExpired;
    public const string JobDescriptionReviewRequired = WorkflowEventTypes.JobDescriptionReviewRequired;
    public const string JobDescriptionApproved = WorkflowEventTypes.JobDescriptionApproved;
    public const string JobDescriptionExpired = WorkflowEventTypes.JobDescriptionExpired;
    public const string JobDescriptionRevisionLimitReached = WorkflowEventTypes.JobDescriptionRevisionLimitReached;
    public const string ProviderCircuitOpened = "ai.provider.circuit-opened";
}
