using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Storage;

/// <summary>
/// One step of a batch's decision trail, keyed by (<see cref="BatchId"/>, <see cref="Sequence"/>); the orchestrator
/// numbers them, so a replayed write overwrites itself.
/// </summary>
/// <param name="Actor">The reviewer for approvals/rejections; "workflow" for automatic steps.</param>
/// <param name="At">Orchestration time of the step.</param>
/// <param name="Details">Extra facts (e.g. shortlisted candidate ids, the escalation number); no personal data.</param>
public sealed record DecisionTrailEntry(
    string BatchId,
    int Sequence,
    DecisionKind Kind,
    string Actor,
    DateTimeOffset At,
    string? Comment = null,
    IReadOnlyDictionary<string, string>? Details = null);

[JsonConverter(typeof(JsonStringEnumConverter<DecisionKind>))]
public enum DecisionKind
{
    Ranked,
    ReviewRequested,
    Escalated,
    Approved,
    Rejected,
    Expired,

    /// <summary>A reviewer released held candidates into the ranking (details: the candidate ids; comment: the reasons).</summary>
    HoldReleased,

    /// <summary>An approval was refused: no candidate was screened and rankable (details say why).</summary>
    ApprovalRefused,

    /// <summary>
    /// A failover changed the batch's scorer: the candidates of the other scorer(s) are re-scored on one (details: from,
    /// to, policy, round, candidates).
    /// </summary>
    ScorerChanged,
}
