using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiFunctions.Workflows.Telemetry;

/// <summary>
/// The workflows' System.Diagnostics.Metrics instruments (meter <see cref="WorkflowTelemetry.SourceName"/>), recorded
/// from activities only (orchestrators replay). Activities run at least once, so a counter may count a redelivered
/// activity twice; the stored results stay the truth.
/// </summary>
public sealed class WorkflowMetrics : IDisposable
{
    public const string BatchesStartedName = "aifunctions.screening.batches.started";
    public const string BatchesFinishedName = "aifunctions.screening.batches.finished";
    public const string CandidateDurationName = "aifunctions.screening.candidate.duration";
    public const string CandidatesFailedName = "aifunctions.screening.candidates.failed";
    public const string CandidatesHeldName = "aifunctions.screening.candidates.held";
    public const string ReviewWaitName = "aifunctions.screening.review.wait_time";

    private readonly Meter _meter;

    public WorkflowMetrics(IMeterFactory? meterFactory)
    {
        _meter = meterFactory?.Create(WorkflowTelemetry.SourceName) ?? new Meter(WorkflowTelemetry.SourceName);
        BatchesStarted = _meter.CreateCounter<long>(BatchesStartedName, "{batch}", "Screening batches stored and started.");
        BatchesFinished = _meter.CreateCounter<long>(BatchesFinishedName, "{batch}", $"Screening batches decided or expired; tag {WorkflowTelemetry.OutcomeAttribute}.");
        CandidateDuration = _meter.CreateHistogram<double>(CandidateDurationName, "s", $"One candidate's screening attempt: resume read, sanitising, redaction and the AI call; tag {WorkflowTelemetry.CandidateStatusAttribute}.");
        CandidatesFailed = _meter.CreateCounter<long>(CandidatesFailedName, "{candidate}", "Candidates recorded as failed after every attempt, or at once for bad input.");
        CandidatesHeld = _meter.CreateCounter<long>(CandidatesHeldName, "{candidate}", "Candidates held for a human instead of being scored automatically.");
        ReviewWait = _meter.CreateHistogram<double>(ReviewWaitName, "s", $"Time from the review request to the reviewer's decision or expiry; tag {WorkflowTelemetry.OutcomeAttribute}.");
    }

    public Counter<long> BatchesStarted { get; }

    public Counter<long> BatchesFinished { get; }

    public Histogram<double> CandidateDuration { get; }

    public Counter<long> CandidatesFailed { get; }

    public Counter<long> CandidatesHeld { get; }

    public Histogram<double> ReviewWait { get; }

    internal static TagList Tenant(string tenant) => new() { { WorkflowTelemetry.TenantAttribute, tenant } };

    internal static TagList Tenant(string tenant, string key, string value) => new() { { WorkflowTelemetry.TenantAttribute, tenant }, { key, value } };

    public void Dispose() => _meter.Dispose();
}
