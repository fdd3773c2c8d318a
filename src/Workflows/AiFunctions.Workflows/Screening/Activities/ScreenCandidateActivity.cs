using System.Security.Cryptography;
using System.Text;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Workflows.Sanitizing;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="ScreenCandidateActivity"/>: which candidate of which batch (everything else is in the store).</summary>
public sealed record ScreenCandidateInput(string BatchId, string Tenant, string CandidateId, string CorrelationId);

/// <summary>What the chunk orchestrator needs to count and rank; the full result is in the store.</summary>
public sealed record CandidateScreeningOutcome(string CandidateId, CandidateResultStatus Status, int OverallScore, bool MustHavesMet, int FlagCount);

/// <summary>
/// Screens one candidate: loads the resume from the store, sanitises it (<see cref="ResumeSanitizer"/>), removes
/// personal data (<see cref="IPiiRedactor"/>) and then every remaining part of the candidate's name
/// (<see cref="CandidateNameBlinder"/>), runs
/// <see cref="ResumeScreeningFunction"/> through the kernel under the batch's tenant, and upserts the result with its
/// provenance and the sanitiser's flags, keyed by batch + candidate. Idempotent: when a screened result is already
/// stored (a redelivered activity), it returns that result without calling the model again.
/// Input problems (resume missing or too large) are recorded as a failed result at once; provider failures throw,
/// so the orchestrator's retry policy applies.
/// </summary>
public sealed class ScreenCandidateActivity(
    IScreeningStore store,
    IAiFunctionInvoker invoker,
    ResumeScreeningFunction screeningFunction,
    ResumeSanitizer sanitizer,
    IPiiRedactor redactor,
    TimeProvider time) : TaskActivity<ScreenCandidateInput, CandidateScreeningOutcome>
{
    /// <summary>The workflow name the AI calls are accounted to (<see cref="AiCallContext.Workflow"/>).</summary>
    public const string WorkflowName = "resume-screening";

    public override async Task<CandidateScreeningOutcome> RunAsync(TaskActivityContext context, ScreenCandidateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = await store.GetResultAsync(input.BatchId, input.CandidateId).ConfigureAwait(false);
        if (existing is { Status: CandidateResultStatus.Screened })
        {
            return ToOutcome(existing);
        }

        var batch = await store.GetBatchAsync(input.BatchId, includeProgress: false).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Batch '{input.BatchId}' is not stored: the batch must be persisted before its candidates are screened.");
        var candidate = await store.GetCandidateAsync(input.BatchId, input.CandidateId).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Candidate '{input.CandidateId}' is not stored in batch '{input.BatchId}'.");

        var resume = await store.GetResumeAsync(candidate.ResumeBlobName).ConfigureAwait(false);
        if (resume is null)
        {
            return await RecordFailureAsync(candidate, $"The resume blob '{candidate.ResumeBlobName}' does not exist: upload it with PutResumeAsync before starting the batch.").ConfigureAwait(false);
        }

        if (resume.Length > WorkflowLimits.MaxResumeChars)
        {
            return await RecordFailureAsync(candidate, $"The resume is {resume.Length} characters; the limit is {WorkflowLimits.MaxResumeChars}.").ConfigureAwait(false);
        }

        var prepared = Prepare(resume, candidate.DisplayName);
        var screeningInput = new ScreeningInput(
            batch.Requisition.RequisitionId,
            batch.Requisition.Title,
            batch.Requisition.JobDescription,
            batch.Requisition.Criteria,
            CandidateRef(input.BatchId, input.CandidateId),
            prepared.Text);

        var result = await invoker.InvokeForAsync(new AiCallContext(input.Tenant, WorkflowName, input.CorrelationId), screeningFunction, screeningInput).ConfigureAwait(false);

        var stored = new CandidateResult(
            input.BatchId,
            input.CandidateId,
            candidate.DisplayName,
            CandidateResultStatus.Screened,
            result.Output,
            result.Provenance,
            prepared.Flags,
            prepared.RedactedItems,
            time.GetUtcNow());
        await store.UpsertResultAsync(stored).ConfigureAwait(false);
        return ToOutcome(stored);
    }

    /// <summary>Sanitise, name-blind, redact: the only text about the candidate that leaves for a model.</summary>
    public PreparedResume Prepare(string resume, string displayName)
    {
        var sanitized = sanitizer.Sanitize(resume);

        // Redact first: blinding first would turn "jane.doe@example.com" into something no e-mail pattern matches.
        var redacted = redactor.Redact(sanitized.Text, CandidateNameBlinder.NameParts(displayName));
        var (blinded, names) = CandidateNameBlinder.Blind(redacted.Text, displayName);
        return new PreparedResume(blinded, sanitized.Flags, redacted.Count + names);
    }

    /// <summary>An opaque per-batch reference for the model's input: not the ATS id, which might identify the person.</summary>
    public static string CandidateRef(string batchId, string candidateId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{batchId}\n{candidateId}"));
        return "cand-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }

    internal static CandidateScreeningOutcome ToOutcome(CandidateResult result) =>
        new(result.CandidateId, result.Status, result.Assessment?.OverallScore ?? 0, result.Assessment?.MustHavesMet ?? false, result.Flags.Count);

    private async Task<CandidateScreeningOutcome> RecordFailureAsync(CandidateRecord candidate, string reason)
    {
        var failed = new CandidateResult(candidate.BatchId, candidate.CandidateId, candidate.DisplayName, CandidateResultStatus.Failed, null, null, [], 0, time.GetUtcNow(), Error: reason);
        await store.UpsertResultAsync(failed).ConfigureAwait(false);
        return ToOutcome(failed);
    }
}

/// <summary>The resume text a model may see, what the sanitiser flagged, and how many items were redacted.</summary>
public sealed record PreparedResume(string Text, IReadOnlyList<SanitizerFlag> Flags, int RedactedItems);
