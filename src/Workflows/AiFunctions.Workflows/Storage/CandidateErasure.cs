using System.Security.Cryptography;
using System.Text;

namespace AiFunctions.Workflows.Storage;

/// <summary>
/// What erasing one candidate's personal data did (GDPR art. 17; docs/security.md, "Erasure"), and the entry the erasure
/// log keeps of it. Holds no personal data: the candidate is named only by <see cref="SubjectKey"/>, a SHA-256 of the
/// tenant and candidate id, so a controller can later show that a given candidate was erased (by hashing the id again)
/// while the log itself names nobody.
/// </summary>
/// <param name="Tenant">The tenant the erasure ran in.</param>
/// <param name="SubjectKey"><see cref="SubjectKeyOf"/> of the tenant and candidate id: 64 lower-case hex digits.</param>
/// <param name="BatchIds">The stored (tenant-scoped) ids of the batches the candidate was found in and erased from.</param>
/// <param name="ResumesDeleted">Resume blobs deleted (inline, offloaded or uploaded).</param>
/// <param name="ResultsErased">Screening results whose personal content (name, evidence quotes, rationale, concerns) was removed.</param>
/// <param name="SelfIdentifiedRemoved">Batches whose voluntary self-identified categories of the candidate were removed.</param>
/// <param name="InstancesPurged">Durable orchestration instances (batch and chunks) whose history was purged; set by the API, 0 in the store.</param>
/// <param name="RequestedBy">The principal that asked (its name, as every decision records its actor).</param>
/// <param name="At">When the erasure ran.</param>
/// <param name="Kind">
/// <see cref="KindErasure"/> (one candidate, <see cref="SubjectKey"/> set) or <see cref="KindRetentionPurge"/> (the
/// scheduled retention purge: <see cref="SubjectKey"/> empty, the counts are what the purge deleted in the tenant, and
/// <see cref="DataKinds"/> which retention rules applied). Absent in entries written before it existed: read as erasure.
/// </param>
/// <param name="Trigger"><see cref="TriggerRequest"/> (an API call by <see cref="RequestedBy"/>) or <see cref="TriggerSchedule"/> (the retention schedule).</param>
/// <param name="DeadLettersDeleted">Dead-lettered Service Bus messages deleted (they carried the candidate's data, or were older than the retention).</param>
/// <param name="DataKinds">Retention purge only: the data kinds purged (<c>resumes</c>, <c>results</c>, <c>orchestration-history</c>, <c>dead-letters</c>); null for an erasure.</param>
public sealed record CandidateErasure(
    string Tenant,
    string SubjectKey,
    IReadOnlyList<string> BatchIds,
    int ResumesDeleted,
    int ResultsErased,
    int SelfIdentifiedRemoved,
    int InstancesPurged,
    string RequestedBy,
    DateTimeOffset At,
    string? Kind = CandidateErasure.KindErasure,
    string? Trigger = CandidateErasure.TriggerRequest,
    int DeadLettersDeleted = 0,
    IReadOnlyList<string>? DataKinds = null)
{
    /// <summary><see cref="Kind"/> of one candidate's erasure (DELETE /api/candidates/{candidateId}).</summary>
    public const string KindErasure = "erasure";

    /// <summary><see cref="Kind"/> of a retention purge (AiFunctions:Retention).</summary>
    public const string KindRetentionPurge = "retention-purge";

    /// <summary><see cref="Trigger"/> of an API call.</summary>
    public const string TriggerRequest = "request";

    /// <summary><see cref="Trigger"/> of the retention schedule (the standalone host's timer or the Functions timer trigger).</summary>
    public const string TriggerSchedule = "schedule";

    /// <summary>The partition of the erasure log that holds purges of deployment-wide data (dead letters): not a tenant id (ids start with a letter or digit).</summary>
    public const string DeploymentTenant = "_deployment";

    /// <summary>What erased text is replaced by in the records kept (display name, error).</summary>
    public const string ErasedMarker = "[erased]";

    /// <summary>SHA-256 over the UTF-8 of <c>{tenant}\n{candidateId}</c>, 64 lower-case hex digits.</summary>
    public static string SubjectKeyOf(string tenant, string candidateId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tenant + "\n" + candidateId)));
}
