using System.Text;

namespace AiFunctions.Workflows.Storage;

/// <summary>Keys and orderings both store implementations share, so they behave the same.</summary>
internal static class StorageKeys
{
    public const string BatchRowKey = "batch";
    public const string JobDescriptionRowKey = "head";

    public static string ResumeBlobName(string batchId, string candidateId) => $"{Escape(batchId)}/{Escape(candidateId)}.txt";

    /// <summary>The prefix of a reference to a resume kept in its candidate's row ("row:{batch}/{candidate}", escaped keys).</summary>
    public const string RowResumePrefix = "row:";

    /// <summary>The reference of a resume kept in the candidate's row (<see cref="IScreeningStore.PutResumesAsync"/>).</summary>
    public static string RowResumeReference(string batchId, string candidateId) => $"{RowResumePrefix}{Escape(batchId)}/{Escape(candidateId)}";

    /// <summary>
    /// The (escaped) partition and row keys of a row resume reference; false for a blob name. Escaped keys hold no '/',
    /// so the first '/' separates them.
    /// </summary>
    public static bool TryParseRowResume(string reference, out string partitionKey, out string rowKey)
    {
        partitionKey = rowKey = string.Empty;
        if (!reference.StartsWith(RowResumePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var keys = reference.AsSpan(RowResumePrefix.Length);
        var slash = keys.IndexOf('/');
        if (slash <= 0 || slash == keys.Length - 1 || keys[(slash + 1)..].Contains('/'))
        {
            return false;
        }

        (partitionKey, rowKey) = (keys[..slash].ToString(), keys[(slash + 1)..].ToString());
        return true;
    }

    /// <summary>The tenant of a resume blob name ("{tenant}.{batchId}/…", <see cref="ResourceIds.Scope"/>): the part before the first '.'.</summary>
    public static string TenantOfBlob(string blobName)
    {
        var dot = blobName.IndexOf('.', StringComparison.Ordinal);
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        return dot > 0 && (slash < 0 || dot < slash) ? blobName[..dot] : CandidateErasure.DeploymentTenant;
    }

    public static string DecisionRowKey(int sequence) => sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static string VersionRowKey(int version) => "v" + version.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Table keys may not contain / \ # ? or control characters: percent-encode those (ids are validated, this is defence).</summary>
    public static string Escape(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!key.Any(c => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c)))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Ranked results first by rank, then unranked by candidate id (ordinal).</summary>
    public static IReadOnlyList<CandidateResult> OrderForReading(IEnumerable<CandidateResult> results) =>
        results.OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.CandidateId, StringComparer.Ordinal).ToArray();

    public static IReadOnlyList<ScoringRecord> ScoringOf(IEnumerable<CandidateResult> results) =>
        results
            .Where(r => r.Provenance is not null)
            .OrderBy(r => r.CandidateId, StringComparer.Ordinal)
            .Select(r => new ScoringRecord(
                r.CandidateId,
                r.Provenance!.Function,
                r.Provenance.FunctionVersion,
                r.Provenance.ProviderInstance,
                r.Provenance.Plugin,
                r.Provenance.PluginVersion,
                r.Provenance.Model,
                r.Provenance.CompletedAt,
                r.Provenance.ReplicaGroup,
                Screening.ScreeningScorer.Key(r.Provenance)))
            .ToArray();

    /// <summary>The batches of <paramref name="tenant"/> are the partitions from "{tenant}." (inclusive) to "{tenant}/" ('.' + 1).</summary>
    public static (string From, string To) TenantPartitions(string tenant) => (tenant + ".", tenant + "/");

    /// <summary>A result with the candidate's personal content removed (<see cref="IScreeningStore.EraseCandidateAsync"/>).</summary>
    public static CandidateResult Erased(CandidateResult result) => result with
    {
        DisplayName = CandidateErasure.ErasedMarker,
        Status = CandidateResultStatus.Failed,
        Assessment = null,
        Flags = [],
        Hold = null,
        Rank = null,
        Error = "Erased: the candidate's personal data was erased on request (GDPR art. 17).",
    };
}
