namespace AiFunctions.Workflows;

/// <summary>
/// Names of every orchestrator, activity and external event of the HR workflows, as registered by
/// <see cref="DependencyInjection.DurableTaskRegistryExtensions.AddHrWorkflows"/>. Hosts schedule and raise with these
/// constants; the Functions app uses them as function names (letters only, no dots, so they are valid there too).
/// Versioning rule (docs/workflows.md): a change that alters the sequence of tasks an orchestrator schedules gets a
/// new name with a version suffix (e.g. "ScreeningBatchOrchestratorV2"); the old name stays registered until no
/// instance of it is in flight.
/// </summary>
public static class WorkflowNames
{
    // Orchestrators
    public const string ScreeningBatchOrchestrator = "ScreeningBatchOrchestrator";
    public const string ScreeningChunkOrchestrator = "ScreeningChunkOrchestrator";
    public const string JobDescriptionOrchestrator = "JobDescriptionOrchestrator";

    // Activities: screening
    public const string PersistBatchActivity = "PersistBatchActivity";
    /// <summary>Screens a group of candidates (replaced "ScreenCandidateActivity", one per candidate, in screening version 2).</summary>
    public const string ScreenCandidateGroupActivity = "ScreenCandidateGroupActivity";
    public const string RecordCandidateFailureActivity = "RecordCandidateFailureActivity";
    public const string UpdateBatchStatusActivity = "UpdateBatchStatusActivity";
    public const string RankActivity = "RankActivity";
    /// <summary>One scorer per batch: which candidates to re-score on which scorer (screening version 4).</summary>
    public const string CheckScorersActivity = "CheckScorersActivity";
    public const string RecordDecisionActivity = "RecordDecisionActivity";

    // Activities: job description
    public const string DraftJobDescriptionActivity = "DraftJobDescriptionActivity";
    public const string RecordJobDescriptionReviewActivity = "RecordJobDescriptionReviewActivity";

    // Activities: shared
    public const string PublishWorkflowEventActivity = "PublishWorkflowEventActivity";

    // External events
    /// <summary>Payload <see cref="Screening.ShortlistReviewDecision"/>.</summary>
    public const string ShortlistReviewEvent = "ShortlistReview";

    /// <summary>Payload <see cref="Drafting.JobDescriptionReview"/>.</summary>
    public const string JobDescriptionReviewEvent = "JobDescriptionReview";
}
