using System.Diagnostics;

namespace AiFunctions.Workflows.Telemetry;

/// <summary>
/// Names of the workflows' telemetry sources (for OpenTelemetry's AddSource/AddMeter) and the span attribute names they
/// use (docs/observability.md lists them). Spans come from activity code only: orchestrator code replays and must not
/// emit anything (the Durable Task SDK's own <c>orchestration:</c> spans cover orchestrations).
/// </summary>
public static class WorkflowTelemetry
{
    /// <summary>ActivitySource and Meter name.</summary>
    public const string SourceName = "AiFunctions.Workflows";

    /// <summary>The batch id (a caller-chosen identifier, never a person's data).</summary>
    public const string BatchIdAttribute = "aifunctions.screening.batch_id";

    /// <summary>The tenant the batch belongs to.</summary>
    public const string TenantAttribute = "aifunctions.tenant";

    /// <summary>The opaque per-batch candidate reference (a hash; never the ATS id or a name).</summary>
    public const string CandidateRefAttribute = "aifunctions.screening.candidate_ref";

    /// <summary>How one candidate's attempt ended: <c>screened</c>, <c>failed</c> (for good) or <c>retry</c>.</summary>
    public const string CandidateStatusAttribute = "aifunctions.screening.candidate.status";

    /// <summary>How a batch ended: <c>approved</c>, <c>rejected</c> or <c>expired</c>.</summary>
    public const string OutcomeAttribute = "aifunctions.screening.outcome";

    /// <summary>OpenTelemetry's <c>error.type</c>: the failure reason of a failed or retried candidate (a reason name, never a message).</summary>
    public const string ErrorTypeAttribute = "error.type";

    /// <summary>Candidates in one screening group (one activity).</summary>
    public const string GroupSizeAttribute = "aifunctions.screening.group.size";

    internal static readonly ActivitySource Source = new(SourceName);
}
