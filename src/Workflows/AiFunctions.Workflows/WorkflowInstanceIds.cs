using System.Buffers;

namespace AiFunctions.Workflows;

/// <summary>
/// Deterministic orchestration instance ids: starting the same batch twice (a duplicate event, a client retry)
/// addresses the same instance instead of starting a second one.
/// </summary>
public static class WorkflowInstanceIds
{
    /// <summary>Longest business id accepted (batch, candidate, job description ids).</summary>
    public const int MaxIdLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    /// <summary>"screening-{batchId}".</summary>
    public static string Screening(string batchId) => "screening-" + Checked(batchId, nameof(batchId));

    /// <summary>"screening-{batchId}-chunk-{index}" (a sub-orchestration of the batch).</summary>
    public static string ScreeningChunk(string batchId, int chunkIndex) => $"{Screening(batchId)}-chunk-{chunkIndex:D5}";

    /// <summary>"jobdescription-{jobDescriptionId}".</summary>
    public static string JobDescription(string jobDescriptionId) => "jobdescription-" + Checked(jobDescriptionId, nameof(jobDescriptionId));

    /// <summary>True when <paramref name="id"/> is 1-64 characters of letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxIdLength && !id.AsSpan().ContainsAnyExcept(Allowed);

    private static string Checked(string id, string paramName) =>
        IsValidId(id)
            ? id
            : throw new ArgumentException(
                $"The id '{id}' is not usable: use 1-{MaxIdLength} characters of letters, digits, '-', '_' or '.'.", paramName);
}
