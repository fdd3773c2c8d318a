namespace AiFunctions.Workflows.Storage;

/// <summary>Who decided what and when, and which model/provider/prompt version scored each candidate.</summary>
public sealed record DecisionTrail(string BatchId, IReadOnlyList<DecisionTrailEntry> Entries, IReadOnlyList<ScoringRecord> Scoring);

/// <summary>Which function/prompt version, provider instance, plugin and model scored a candidate.</summary>
/// <param name="ProviderInstance">The instance that answered (also when it is one replica of a group).</param>
/// <param name="ReplicaGroup">The replica group the instance declared (its replicas are one scorer, docs/fairness.md); null: none.</param>
/// <param name="Scorer">The scorer key ("instance or group/model@function:version") the candidate was ranked under.</param>
public sealed record ScoringRecord(
    string CandidateId,
    string Function,
    string FunctionVersion,
    string ProviderInstance,
    string Plugin,
    string PluginVersion,
    string Model,
    DateTimeOffset ScoredAt,
    string? ReplicaGroup = null,
    string? Scorer = null);
