using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Workflows.Sanitizing;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Telemetry;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="ScreenCandidateGroupActivity"/>: which candidates of which batch (everything else is in the store).</summary>
/// <param name="CandidateIds">1-<see cref="WorkflowLimits.MaxCandidatesPerActivity"/> candidates of the batch.</param>
/// <param name="BatchAcceptedAt">When the batch was persisted; the worker's cached requisition is used only for that run.</param>
public sealed record ScreenCandidateGroupInput(string BatchId, string Tenant, IReadOnlyList<string> CandidateIds, string CorrelationId, DateTimeOffset BatchAcceptedAt);

/// <summary>
/// Output of <see cref="ScreenCandidateGroupActivity"/>: the candidates settled with a stored result (screened now or
/// before, or failed for a reason a retry cannot mend), and those whose attempt failed (nothing stored; retry them).
/// </summary>
public sealed record ScreenCandidateGroupResult(IReadOnlyList<CandidateScreeningOutcome> Settled, IReadOnlyList<CandidateAttemptFailure> Retry);

/// <summary>A candidate whose screening attempt failed (e.g. the provider call), with the error type and message (never resume text).</summary>
public sealed record CandidateAttemptFailure(string CandidateId, string Reason);

/// <summary>
/// Screens a small group of candidates of one batch, their AI calls concurrently. Per candidate: loads the resume,
/// sanitises it (<see cref="ResumeSanitizer"/>), removes personal data (<see cref="IPiiRedactor"/>) and then every
/// remaining part of the candidate's name (<see cref="CandidateNameBlinder"/>), runs
/// <see cref="ResumeScreeningFunction"/> through the kernel under the batch's tenant, and upserts the result with its
/// provenance and the sanitiser's flags, keyed by batch + candidate (all of the group's new results in one write).
/// What every candidate shares — the requisition — is read once per batch and worker (<see cref="RequisitionCache"/>);
/// the group's stored results and candidate records are read in one query each.
/// Idempotent: a candidate with a screened result already stored (a redelivered or retried group) is returned as it
/// is, without calling the model again. Input problems (candidate record or resume missing, resume too large) are
/// recorded as a failed result at once; a candidate whose AI call fails is returned in
/// <see cref="ScreenCandidateGroupResult.Retry"/> and does not fail the group, so the orchestrator retries only it.
/// The activity itself fails only when the store does (then the orchestrator's retry policy applies).
/// </summary>
public sealed class ScreenCandidateGroupActivity(
    IScreeningStore store,
    RequisitionCache requisitions,
    IAiFunctionInvoker invoker,
    ResumeScreeningFunction screeningFunction,
    ResumeSanitizer sanitizer,
    IPiiRedactor redactor,
    TimeProvider time,
    WorkflowMetrics? metrics = null) : TaskActivity<ScreenCandidateGroupInput, ScreenCandidateGroupResult>
{
    /// <summary>The workflow name the AI calls are accounted to (<see cref="AiCallContext.Workflow"/>).</summary>
    public const string WorkflowName = "resume-screening";

    private const int MaxReasonChars = 1000;

    public override async Task<ScreenCandidateGroupResult> RunAsync(TaskActivityContext context, ScreenCandidateGroupInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.CandidateIds.Count is 0 or > WorkflowLimits.MaxCandidatesPerActivity)
        {
            throw new ArgumentException($"A screening group holds {input.CandidateIds.Count} candidates: use 1-{WorkflowLimits.MaxCandidatesPerActivity}.", nameof(input));
        }

        using var span = WorkflowTelemetry.Source.StartActivity("screen candidate group");
        span?.SetTag(WorkflowTelemetry.BatchIdAttribute, input.BatchId);
        span?.SetTag(WorkflowTelemetry.TenantAttribute, input.Tenant);
        span?.SetTag(WorkflowTelemetry.GroupSizeAttribute, input.CandidateIds.Count);
        var existing = await store.FindResultsAsync(input.BatchId, input.CandidateIds).ConfigureAwait(false);
        var pending = input.CandidateIds.Where(id => existing.GetValueOrDefault(id) is not { Status: CandidateResultStatus.Screened }).ToArray();
        var settled = input.CandidateIds.Where(id => !pending.Contains(id)).Select(id => CandidateScreeningOutcome.Of(existing[id])).ToList();
        if (pending.Length == 0)
        {
            return new ScreenCandidateGroupResult(settled, []);
        }

        var requisition = await requisitions.GetAsync(input.BatchId, input.BatchAcceptedAt).ConfigureAwait(false);
        var candidates = await store.FindCandidatesAsync(input.BatchId, pending).ConfigureAwait(false);
        var callContext = new AiCallContext(input.Tenant, WorkflowName, input.CorrelationId);
        var attempts = await Task.WhenAll(pending.Select(id => candidates.TryGetValue(id, out var candidate)
            ? ScreenOneTracedAsync(candidate, requisition, callContext)
            : Task.FromResult(new Attempt(id, null, $"Candidate '{id}' is not stored in batch '{input.BatchId}'.")))).ConfigureAwait(false);

        var stored = attempts.Where(a => a.Result is not null).Select(a => a.Result!).ToArray();
        if (stored.Length > 0)
        {
            await store.UpsertResultsAsync(stored).ConfigureAwait(false);
        }

        settled.AddRange(stored.Select(CandidateScreeningOutcome.Of));
        return new ScreenCandidateGroupResult(settled, attempts.Where(a => a.Result is null).Select(a => new CandidateAttemptFailure(a.CandidateId, a.Failure!)).ToArray());
    }

    /// <summary>
    /// Sanitise, name-blind, redact: the only text about the candidate that leaves for a model. The same for every name
    /// (and for no name) when the resume differs only in the name (docs/fairness.md): the blinder removes the name where
    /// it is used as one, with one placeholder, and leaves e-mail addresses and profile URLs to the redactor, which then
    /// runs without the name so its placeholders are numbered the same way whatever the name.
    /// </summary>
    public PreparedResume Prepare(string resume, string? displayName)
    {
        var sanitized = sanitizer.Sanitize(resume);
        var (blinded, names) = CandidateNameBlinder.Blind(sanitized.Text, displayName);
        var redacted = redactor.Redact(blinded);
        return new PreparedResume(redacted.Text, sanitized.Flags, redacted.Count + names);
    }

    /// <summary>An opaque per-batch reference for the model's input: not the ATS id, which might identify the person.</summary>
    public static string CandidateRef(string batchId, string candidateId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{batchId}\n{candidateId}"));
        return "cand-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }

    /// <summary>
    /// <see cref="ScreenOneAsync"/> in a "screen candidate" span (attributes: batch id, the opaque candidate reference,
    /// the attempt's status; never the ATS id, a name or resume text), timed into
    /// <see cref="WorkflowMetrics.CandidateDuration"/>.
    /// </summary>
    private async Task<Attempt> ScreenOneTracedAsync(CandidateRecord candidate, RequisitionSpec requisition, AiCallContext callContext)
    {
        using var span = WorkflowTelemetry.Source.StartActivity("screen candidate");
        span?.SetTag(WorkflowTelemetry.BatchIdAttribute, candidate.BatchId);
        span?.SetTag(WorkflowTelemetry.CandidateRefAttribute, CandidateRef(candidate.BatchId, candidate.CandidateId));
        var started = time.GetTimestamp();
        var attempt = await ScreenOneAsync(candidate, requisition, callContext).ConfigureAwait(false);
        var status = attempt.Result is null ? "retry" : attempt.Result.Status == CandidateResultStatus.Screened ? "screened" : "failed";
        span?.SetTag(WorkflowTelemetry.CandidateStatusAttribute, status);
        if (attempt.Result is null)
        {
            span?.SetStatus(ActivityStatusCode.Error, "The screening attempt failed; the orchestrator retries the candidate.");
        }

        if (metrics is not null)
        {
            var tags = WorkflowMetrics.Tenant(callContext.Tenant, WorkflowTelemetry.CandidateStatusAttribute, status);
            metrics.CandidateDuration.Record(time.GetElapsedTime(started).TotalSeconds, tags);
            if (status == "failed")
            {
                metrics.CandidatesFailed.Add(1, WorkflowMetrics.Tenant(callContext.Tenant));
            }
        }

        return attempt;
    }

    /// <summary>One candidate's attempt: a result to store (screened, or failed for good), or why to retry it.</summary>
    private async Task<Attempt> ScreenOneAsync(CandidateRecord candidate, RequisitionSpec requisition, AiCallContext callContext)
    {
        var resume = await store.GetResumeAsync(candidate.ResumeBlobName).ConfigureAwait(false);
        if (resume is null)
        {
            return Failed(candidate, $"The resume blob '{candidate.ResumeBlobName}' does not exist: upload it with PutResumeAsync before starting the batch.");
        }

        if (resume.Length > WorkflowLimits.MaxResumeChars)
        {
            return Failed(candidate, $"The resume is {resume.Length} characters; the limit is {WorkflowLimits.MaxResumeChars}.");
        }

        var prepared = Prepare(resume, candidate.DisplayName);
        var screeningInput = new ScreeningInput(
            requisition.RequisitionId,
            requisition.Title,
            requisition.JobDescription,
            requisition.Criteria,
            CandidateRef(candidate.BatchId, candidate.CandidateId),
            prepared.Text);

        AiFunctionResult<ScreeningAssessment> result;
        try
        {
            result = await invoker.InvokeForAsync(callContext, screeningFunction, screeningInput).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any provider failure is this candidate's failed attempt, not the group's: the orchestrator retries it.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            var reason = $"{e.GetType().FullName}: {e.Message}";
            return new Attempt(candidate.CandidateId, null, reason.Length > MaxReasonChars ? reason[..MaxReasonChars] : reason);
        }

        return new Attempt(candidate.CandidateId, new CandidateResult(
            candidate.BatchId,
            candidate.CandidateId,
            candidate.DisplayName,
            CandidateResultStatus.Screened,
            result.Output,
            result.Provenance,
            prepared.Flags,
            prepared.RedactedItems,
            time.GetUtcNow()), null);
    }

    private Attempt Failed(CandidateRecord candidate, string reason) =>
        new(candidate.CandidateId, new CandidateResult(candidate.BatchId, candidate.CandidateId, candidate.DisplayName, CandidateResultStatus.Failed, null, null, [], 0, time.GetUtcNow(), Error: reason), null);

    private sealed record Attempt(string CandidateId, CandidateResult? Result, string? Failure);
}

/// <summary>The resume text a model may see, what the sanitiser flagged, and how many items were redacted.</summary>
public sealed record PreparedResume(string Text, IReadOnlyList<SanitizerFlag> Flags, int RedactedItems);
