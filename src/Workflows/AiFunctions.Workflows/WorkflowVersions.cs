namespace AiFunctions.Workflows;

/// <summary>
/// The versions the registered orchestrators accept in their input's <c>Version</c> field. An input with another
/// version fails at once with a message naming the versions served (see the versioning rule in docs/workflows.md).
/// </summary>
public static class WorkflowVersions
{
    public const string ScreeningBatch = "1";
    public const string JobDescription = "1";
}
