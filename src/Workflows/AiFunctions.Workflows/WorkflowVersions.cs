namespace AiFunctions.Workflows;

/// <summary>
/// The versions the registered orchestrators accept in their input's <c>Version</c> field. An input with another
/// version fails at once with a message naming the versions served (see the versioning rule in docs/workflows.md).
/// </summary>
public static class WorkflowVersions
{
    /// <summary>
    /// "6": after screening, the scorer check runs only when the chunks report more than one scorer, and the rank
    /// activity stores the shortlist together with "awaiting review" (no status activities around it): what the batch
    /// orchestrator schedules changed, so version-5 instances are not replayed by this build.
    /// "5": a chunk is screened in groups of 50 candidates by default (two activities per chunk of 100) and a chunk
    /// smaller than its groups in flight × group size is cut into that many even groups: what the chunk orchestrator
    /// schedules for a batch without explicit concurrency changed, so version-4 instances are not replayed by this build.
    /// "4": one scorer per batch (a scorer check after screening and re-score passes on the batch's scorer), transient
    /// failures that only waited for a circuit or a rate limit retried within a time window without using up attempts.
    /// "3": failures follow the kernel's taxonomy (permanent settled at once, transient retried by a retry handler), and
    /// groups hand back candidates not started within their start budget. "2" (groups without those) and "1" (one
    /// activity per candidate) were never deployed and are not served; neither were "3" and "4".
    /// </summary>
    public const string ScreeningBatch = "6";

    /// <summary>"2": drafting failures follow the kernel's taxonomy and a failed draft ends <c>Failed</c>; "1" was never deployed and is not served.</summary>
    public const string JobDescription = "2";
}
