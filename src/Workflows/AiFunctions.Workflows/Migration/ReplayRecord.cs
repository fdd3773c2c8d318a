using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// A replay against a candidate target (docs/migration.md): of a stored screening batch (<see cref="ReplayKind.Screening"/>)
/// or of a set of stored job-description drafting requests (<see cref="ReplayKind.Drafting"/>); which target, who asked,
/// and how far it is. Kept in the replay store, apart from the batch's results and the stored drafts, which a replay
/// never touches.
/// </summary>
/// <param name="ReplayId">Issued by the service ("rpl-" + 32 hex digits).</param>
/// <param name="BatchId">The batch id as the caller knows it (screening replays; null for drafting).</param>
/// <param name="BatchKey">The batch's tenant-scoped storage key (screening replays; null for drafting).</param>
/// <param name="Target">The candidate target, "instance/model".</param>
/// <param name="RequestedBy">The principal who asked (ClaimTypes.Name).</param>
/// <param name="Total">Items to replay (candidates of the batch, or stored draft versions); <paramref name="Done"/> of them replayed so far.</param>
/// <param name="Error">Why the replay as a whole failed (Failed only; content-free).</param>
/// <param name="Kind">What is replayed; records stored before drafting replays existed read as Screening.</param>
/// <param name="Failed">Items whose candidate-target call failed or gave an invalid answer (of <paramref name="Done"/>).</param>
/// <param name="Drafting">The drafting replay's selection (drafting replays only).</param>
/// <param name="StartKey">The start key it was created under (<see cref="ReplayStartKeys"/>): the same work on the same target.</param>
public sealed record ReplayRecord(
    string ReplayId,
    string Tenant,
    string? BatchId,
    string? BatchKey,
    string Target,
    string Function,
    string FunctionVersion,
    string RequestedBy,
    ReplayStatus Status,
    int Total,
    int Done,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Error = null,
    ReplayKind Kind = ReplayKind.Screening,
    int Failed = 0,
    DraftingSelection? Drafting = null,
    string? StartKey = null);

/// <summary>What a replay re-runs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplayKind>))]
public enum ReplayKind
{
    /// <summary>Every candidate of a stored screening batch.</summary>
    Screening,

    /// <summary>Every stored version (that kept its request) of a set of job descriptions.</summary>
    Drafting,
}

/// <summary>
/// Which drafting requests a drafting replay re-runs, fixed when it is started: the job descriptions (ids as the caller
/// knows them, at most <see cref="DraftingReplays.MaxJobDescriptions"/>) and their versions drafted at or before
/// <paramref name="AsOf"/> (a version drafted after the start is not part of it, so a resumed replay covers what the
/// started one did). <paramref name="UpdatedFrom"/>/<paramref name="UpdatedTo"/> record the window the ids were taken
/// from when the caller chose by time. <paramref name="NotFound"/> and <paramref name="WithoutRequest"/> are counted
/// when the replay runs: ids no longer stored (erased since), and versions stored before requests were kept.
/// </summary>
public sealed record DraftingSelection(
    IReadOnlyList<string> JobDescriptionIds,
    DateTimeOffset AsOf,
    DateTimeOffset? UpdatedFrom = null,
    DateTimeOffset? UpdatedTo = null,
    int NotFound = 0,
    int WithoutRequest = 0);

/// <summary>Where a replay is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplayStatus>))]
public enum ReplayStatus
{
    Queued,
    Running,
    Completed,
    Failed,

    /// <summary>Stopped at an operator's request (POST …/cancel); the items replayed until then are kept and reported.</summary>
    Cancelled,
}

/// <summary>
/// One item of a replay — a candidate of a screening batch, or one stored draft version — : how the candidate target
/// answered (outcome, scores, latency, tokens, cost; no text) and, for screening, whether the screening's hold rules
/// would hold the answer; for drafting, both sides' check verdicts. Keyed by (replay id, candidate id): writing it
/// twice keeps one, so an item replayed twice (at least once) is counted once.
/// </summary>
/// <param name="CandidateId">The candidate id; for drafting "{jobDescriptionId}.v{version}" (<see cref="DraftingReplays.ItemId"/>).</param>
/// <param name="HoldKinds">The kinds of hold reason that apply (e.g. "unsupported-score"); never their text.</param>
/// <param name="EvidenceValid">Valid and no evidence rule applies (unsupported-score, evidence-in-flagged-span).</param>
/// <param name="Drafting">Drafting replays: the stored version's and the candidate's check verdicts.</param>
public sealed record ReplayCandidateResult(
    string ReplayId,
    string CandidateId,
    Kernel.Shadowing.ShadowSide Side,
    bool Held,
    IReadOnlyList<string> HoldKinds,
    bool EvidenceValid,
    DateTimeOffset RecordedAt,
    DraftingVerdicts? Drafting = null);

/// <summary>
/// One draft version's check verdicts on both sides (true = the check found nothing). The candidate's are null when
/// it produced no valid draft. <paramref name="PrimaryTarget"/> is the stored version's "instance/model".
/// </summary>
public sealed record DraftingVerdicts(
    string PrimaryTarget,
    bool PrimaryInclusiveLanguage,
    bool PrimaryRequiredSections,
    bool? CandidateInclusiveLanguage,
    bool? CandidateRequiredSections);
