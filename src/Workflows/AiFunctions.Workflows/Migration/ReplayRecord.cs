using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// A replay of a stored screening batch against a candidate target (docs/migration.md): which batch, which target,
/// who asked, and how far it is. Kept in the replay store, apart from the batch's results, which a replay never touches.
/// </summary>
/// <param name="ReplayId">Issued by the service ("rpl-" + 32 hex digits).</param>
/// <param name="BatchId">The batch id as the caller knows it.</param>
/// <param name="BatchKey">The batch's tenant-scoped storage key.</param>
/// <param name="Target">The candidate target, "instance/model".</param>
/// <param name="RequestedBy">The principal who asked (ClaimTypes.Name).</param>
/// <param name="Total">Candidates in the batch; <paramref name="Done"/> of them replayed so far.</param>
/// <param name="Error">Why the replay as a whole failed (Failed only; content-free).</param>
public sealed record ReplayRecord(
    string ReplayId,
    string Tenant,
    string BatchId,
    string BatchKey,
    string Target,
    string Function,
    string FunctionVersion,
    string RequestedBy,
    ReplayStatus Status,
    int Total,
    int Done,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Error = null);

/// <summary>Where a replay is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplayStatus>))]
public enum ReplayStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One candidate of a replay: how the candidate target answered (outcome, scores, latency, tokens, cost; no text) and
/// whether the screening's hold rules would hold the answer. Keyed by (replay id, candidate id): writing it twice keeps one.
/// </summary>
/// <param name="HoldKinds">The kinds of hold reason that apply (e.g. "unsupported-score"); never their text.</param>
/// <param name="EvidenceValid">Valid and no evidence rule applies (unsupported-score, evidence-in-flagged-span).</param>
public sealed record ReplayCandidateResult(
    string ReplayId,
    string CandidateId,
    Kernel.Shadowing.ShadowSide Side,
    bool Held,
    IReadOnlyList<string> HoldKinds,
    bool EvidenceValid,
    DateTimeOffset RecordedAt);
