namespace AiFunctions.Workflows;

/// <summary>Input limits of the workflows; hosts quote them in their 4xx problem details.</summary>
public static class WorkflowLimits
{
    /// <summary>Largest batch one orchestration accepts (docs/workflows.md explains why it stays small in history).</summary>
    public const int MaxCandidatesPerBatch = 10_000;

    /// <summary>Largest resume passed inline (characters); larger resumes go through a blob reference.</summary>
    public const int MaxInlineResumeChars = 64 * 1024;

    /// <summary>Largest resume the screening activity accepts from a blob (characters).</summary>
    public const int MaxResumeChars = 1024 * 1024;

    /// <summary>Largest chunk sub-orchestration.</summary>
    public const int MaxChunkSize = 500;

    /// <summary>Most candidates one screening activity takes (<see cref="Screening.ScreeningConcurrency.CandidatesPerActivity"/>).</summary>
    public const int MaxCandidatesPerActivity = 100;

    /// <summary>Most criteria per requisition.</summary>
    public const int MaxCriteria = 50;

    /// <summary>Most review rounds of a job description.</summary>
    public const int MaxJobDescriptionRounds = 10;
}
