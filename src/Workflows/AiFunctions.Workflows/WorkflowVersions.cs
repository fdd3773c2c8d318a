namespace AiFunctions.Workflows;

/// <summary>
/// The versions the registered orchestrators accept in their input's <c>Version</c> field. An input with another
/// version fails at once with a message naming the versions served (see the versioning rule in docs/workflows.md).
/// </summary>
internal static class WorkflowVersions
{
    /// <summary>"2": candidates are screened in groups (<c>ScreenCandidateGroupActivity</c>); "1" (one activity per candidate) was never deployed and is not served.</summary>
    public const string ScreeningBatch = "2";
    public const string JobDescription = "1";
}
