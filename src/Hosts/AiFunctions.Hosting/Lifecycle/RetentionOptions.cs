namespace AiFunctions.Hosting.Lifecycle;

/// <summary>
/// How long each kind of personal data is kept (<c>AiFunctions:Retention</c>; docs/security.md, "Retention"). Every
/// period is in whole days; 0 (the default, and what an absent setting means) keeps that kind until it is erased.
/// The scheduled purge (<see cref="RetentionPurge"/>) applies them: the standalone host every <see cref="Interval"/>,
/// the Functions app on its timer trigger (daily at 03:15 UTC).
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "AiFunctions:Retention";

    /// <summary>Most days any period may be (100 years): a larger number is a typo.</summary>
    public const int MaxDays = 36_500;

    /// <summary>
    /// Least <see cref="ResultsDays"/> when set: deployers of a high-risk AI system keep its logs at least six months
    /// (EU AI Act, Regulation (EU) 2024/1689, art. 26(6)); screening for hiring is high-risk (Annex III, point 4(a)).
    /// </summary>
    public const int MinResultsDays = 183;

    /// <summary>
    /// Resumes (inline, offloaded, uploaded) are deleted this many days after they were written — blobs, and resumes
    /// kept in candidate rows — 0 keeps them. Set it longer than a batch can wait for review, or a rescoring round finds
    /// its resumes gone (they are then reported failed, not invented). The Bicep sets it to <c>resumeRetentionDays</c>;
    /// its blob lifecycle rule is the storage-side backstop for blobs (no such rule reaches table rows).
    /// </summary>
    public int ResumesDays { get; set; }

    /// <summary>
    /// A finished batch (Approved, Rejected, Expired) last updated this many days ago is deleted whole: batch record,
    /// candidate records (names), results (evidence quotes), decision trail (reviewers' names and comments),
    /// self-identified categories and any resume left. 0 keeps them; otherwise at least <see cref="MinResultsDays"/>.
    /// </summary>
    public int ResultsDays { get; set; }

    /// <summary>
    /// The orchestration history (the batch instance and its chunk sub-orchestrations: inputs hold display names) of a
    /// finished batch last updated this many days ago is purged from the task hub; 0 keeps it.
    /// </summary>
    public int OrchestrationHistoryDays { get; set; }

    /// <summary>
    /// Dead-lettered Service Bus messages (whole events: they may hold resumes) enqueued this many days ago are deleted;
    /// 0 keeps them until the entity's message time-to-live. Needs the Service Bus side configured.
    /// </summary>
    public int DeadLettersDays { get; set; }

    /// <summary>Standalone host: time between two purges (the first runs at start-up). Default 1 day; 1 minute to 7 days.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>True when any period is set, i.e. a purge has something to do.</summary>
    public bool Enabled => ResumesDays > 0 || ResultsDays > 0 || OrchestrationHistoryDays > 0 || DeadLettersDays > 0;
}
