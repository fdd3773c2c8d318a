namespace AiFunctions.Workflows.Storage;

/// <summary>Who decided what and when, and which model/provider/prompt version scored each candidate.</summary>
public sealed record DecisionTrail(string BatchId, IReadOnlyList<DecisionTrailEntry> Entries, IReadOnlyList<ScoringRecord> Scoring);

/// <summary>Which function/prompt version, provider instance, plugin and model scored a candidate.</summary>
public sealed record ScoringRecord(
    string CandidateId,
    string Function,
    string FunctionVersion,
    string ProviderInstance,
    string Plugin,
    string PluginVersion,
    string Model,
    DateTimeOffset ScoredAt);
