namespace AiFunctions.Workflows;

/// <summary>
/// Deterministic orchestration instance ids: starting the same batch twice (a duplicate event, a client retry)
/// addresses the same instance instead of starting a second one.
/// </summary>
public static class WorkflowInstanceIds
{
    /// <summary>Longest business id accepted (batch, candidate, job description ids).</summary>
    public const int MaxIdLength = ResourceIds.MaxLength;

    /// <summary>"screening-{batchId}".</summary>
    public static string Screening(string batchId) => "screening-" + Checked(batchId, nameof(batchId));

    /// <summary>"screening-{batchId}-chunk-{index}" (a sub-orchestration of the batch).</summary>
    public static string ScreeningChunk(string batchId, int chunkIndex) => $"{Screening(batchId)}-chunk-{chunkIndex:D5}";

    /// <summary>"jobdescription-{jobDescriptionId}".</summary>
    public static string JobDescription(string jobDescriptionId) => "jobdescription-" + Checked(jobDescriptionId, nameof(jobDescriptionId));

    /// <summary>
    /// True when <paramref name="id"/> is a business id (<see cref="ResourceIds.Rule"/>) or a tenant-scoped key built by
    /// <see cref="ResourceIds.Scope"/> (what the hosts pass, so instance ids and storage keys hold the tenant).
    /// </summary>
    public static bool IsValidId(string? id) => ResourceIds.IsValidKey(id);

    private static string Checked(string id, string paramName) =>
        IsValidId(id)
            ? id
            : throw new ArgumentException(
                $"The id is not usable: use {ResourceIds.Rule}, or a key built by ResourceIds.Scope.", paramName);
}
