namespace AiFunctions.Workflows.Migration;

/// <summary>
/// A migration report: the comparison of a primary and a candidate target, each configured threshold with its measured
/// value and pass/fail, and the safe-to-switch verdict (docs/migration.md). No personal data: ids, numbers and flags.
/// </summary>
/// <param name="Kind">"replay" (a stored batch re-run on the candidate), "drafting-replay" (stored drafting requests re-run on the candidate) or "shadow" (a route's shadow pairs).</param>
/// <param name="Subject">The replay id, or the route.</param>
/// <param name="BatchId">The replayed batch (replays only).</param>
/// <param name="Primary">What the batch was screened with ("instance/model", several when the route failed over), or the route's primary targets.</param>
/// <param name="Candidate">The candidate target, "instance/model".</param>
/// <param name="Complete">False while a replay is still running (the verdict is then never "safe").</param>
/// <param name="SafeToSwitch">Every checked threshold passed, enough pairs were compared, and the data is complete.</param>
/// <param name="Verdict">One sentence: safe to switch, or why not.</param>
/// <param name="Switch">How to switch and how to roll back.</param>
/// <param name="Drafting">Drafting replays: both sides' pass rates of the inclusive-language and required-sections checks and their agreement.</param>
public sealed record MigrationReport(
    string Kind,
    string Subject,
    string? BatchId,
    string Route,
    string Primary,
    string Candidate,
    DateTimeOffset GeneratedAt,
    bool Complete,
    MigrationComparison Comparison,
    IReadOnlyList<ThresholdCheck> Checks,
    bool SafeToSwitch,
    string Verdict,
    IReadOnlyList<string> Switch,
    DraftingReplayComparison? Drafting = null);

/// <summary>One threshold: its setting, the limit, what was measured, and whether it passed (Checked false: no limit configured).</summary>
/// <param name="Setting">The full setting path, e.g. <c>AiFunctions:Migration:Thresholds:MinKendallTau</c>.</param>
/// <param name="Operator">"≥" or "≤".</param>
/// <param name="Measured">Null when this comparison cannot measure it (then it fails when checked).</param>
public sealed record ThresholdCheck(string Setting, string Measure, string Operator, double? Limit, double? Measured, bool Checked, bool Passed, string? Note = null);
