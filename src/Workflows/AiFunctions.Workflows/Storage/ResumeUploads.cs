using System.Security.Cryptography;

namespace AiFunctions.Workflows.Storage;

/// <summary>
/// Resumes uploaded before a batch references them (POST /api/resumes). The service issues the id
/// (<see cref="IdPrefix"/> + 26 base32 characters of 128 random bits) and builds the blob name from the tenant and the id
/// only (<see cref="BlobName"/>, through <see cref="ResourceIds.Scope"/>), so a caller can reference its own tenant's
/// uploads and nothing else. Caller-chosen ids may not start with <see cref="IdPrefix"/> (<see cref="ResourceIds.IsReserved"/>).
/// </summary>
public static class ResumeUploads
{
    /// <summary>Prefix of every issued upload id.</summary>
    public const string IdPrefix = "up-";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new upload id, e.g. "up-k3j9…" (29 characters).</summary>
    public static string NewId()
    {
        var bytes = RandomNumberGenerator.GetBytes(16);
        var chars = new char[26];
        for (var i = 0; i < chars.Length; i++)
        {
            var bit = i * 5;
            var value = (bytes[bit / 8] << 8 | (bit / 8 + 1 < bytes.Length ? bytes[bit / 8 + 1] : 0)) >> (11 - bit % 8) & 31;
            chars[i] = Alphabet[value];
        }

        return IdPrefix + new string(chars);
    }

    /// <summary>True when <paramref name="id"/> has the shape of an issued upload id.</summary>
    public static bool IsUploadId(string? id) =>
        ResourceIds.IsValid(id) && id.Length == IdPrefix.Length + 26 && id.StartsWith(IdPrefix, StringComparison.Ordinal) && id.AsSpan(IdPrefix.Length).IndexOfAnyExcept(Alphabet) < 0;

    /// <summary>The blob of <paramref name="uploadId"/> in <paramref name="tenant"/>: "{tenant}.{uploadId}/resume.txt".</summary>
    public static string BlobName(string tenant, string uploadId) =>
        IsUploadId(uploadId)
            ? StorageKeys.ResumeBlobName(ResourceIds.Scope(tenant, uploadId), "resume")
            : throw new ArgumentException($"'{uploadId}' is not an issued upload id.", nameof(uploadId));

    /// <summary>Stores an upload (the blob name is <see cref="BlobName"/>).</summary>
    public static Task<string> PutAsync(IScreeningStore store, string tenant, string uploadId, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        _ = BlobName(tenant, uploadId);
        return store.PutResumeAsync(ResourceIds.Scope(tenant, uploadId), "resume", text, cancellationToken);
    }
}
