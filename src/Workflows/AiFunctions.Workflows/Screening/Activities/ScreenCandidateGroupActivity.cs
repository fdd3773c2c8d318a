using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Workflows.Failures;
using AiFunctions.Workflows.Sanitizing;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Screening.Activities;

/// <summary>Input of <see cref="ScreenCandidateGroupActivity"/>: which candidates of which batch (everything else is in the store).</summary>
/// <param name="CandidateIds">1-<see cref="WorkflowLimits.MaxCandidatesPerActivity"/> candidates of the batch.</param>
/// <param name="BatchAcceptedAt">When the batch was persisted; the worker's cached requisition is used only for that run.</param>
/// <param name="MaxConcurrentCalls">AI calls at once inside the activity (a sliding window: the next candidate starts as soon as one finishes); 0 = all at once.</param>
/// <param name="StartBudget">
/// After this long the activity starts no further candidate and returns the unstarted ones in
/// <see cref="ScreenCandidateGroupResult.NotStarted"/>, so an activity lasts at most this plus its slowest call (it must stay
/// below the task hub's work-item visibility timeout, docs/host.md). Null = no budget.
/// </param>
/// <param name="RequiredScorer">
/// Re-scoring (<see cref="ScreeningScorer.Key"/>): a candidate already screened by another scorer is screened again, only
/// on this scorer's target — for a replica group, its replicas on the route, failing over among them — never on another
/// scorer's. Null: screen unscreened candidates, every call of the batch
/// starting on the same target of a weighted route (the batch id is the affinity key).
/// </param>
public sealed record ScreenCandidateGroupInput(
    string BatchId,
    string Tenant,
    IReadOnlyList<string> CandidateIds,
    string CorrelationId,
    DateTimeOffset BatchAcceptedAt,
    int MaxConcurrentCalls = 0,
    TimeSpan? StartBudget = null,
    string? RequiredScorer = null);

/// <summary>
/// Output of <see cref="ScreenCandidateGroupActivity"/>: the candidates settled with a stored result (screened now or
/// before, or failed for a reason a retry cannot mend), those whose attempt failed transiently (nothing stored; retry
/// them), and those not started because the activity's start budget ran out (schedule them again; not an attempt).
/// </summary>
public sealed record ScreenCandidateGroupResult(
    IReadOnlyList<CandidateScreeningOutcome> Settled,
    IReadOnlyList<CandidateAttemptFailure> Retry,
    IReadOnlyList<string>? NotStarted = null);

/// <summary>
/// A candidate whose screening attempt failed transiently, with the content-free reason ("{Reason}: {description}",
/// never resume text or an arbitrary exception's message) and the wait the provider asked for.
/// </summary>
public sealed record CandidateAttemptFailure(string CandidateId, string Reason, TimeSpan? RetryAfter = null);

/// <summary>
/// Screens a group of candidates of one batch, at most <see cref="ScreenCandidateGroupInput.MaxConcurrentCalls"/> AI
/// calls at once (a sliding window, so one slow call holds one slot, not the group). Per candidate: takes the resume (read with the group's candidate records when kept in the rows, else one blob read),
/// sanitises it (<see cref="ResumeSanitizer"/>), removes personal data (<see cref="IPiiRedactor"/>) and then every
/// remaining part of the candidate's name (<see cref="CandidateNameBlinder"/>), runs
/// <see cref="ResumeScreeningFunction"/> through the kernel under the batch's tenant, and upserts the result with its
/// provenance and the sanitiser's flags, keyed by batch + candidate, <b>as soon as that candidate finishes</b> (results
/// finishing during a write go together in the next one): a crash or a redelivered activity repeats only the calls
/// that were in flight.
/// What every candidate shares — the requisition — is read once per batch and worker (<see cref="RequisitionCache"/>);
/// the group's stored results and candidate records are read in one query each.
/// Idempotent: a candidate with a screened result already stored is returned as it is, without calling the model again.
/// Failures follow the kernel's taxonomy (<see cref="FailureClassifier"/>): input problems (candidate record or resume
/// missing, resume too large) and permanent AI failures (bad request, context length, refused content, invalid
/// structured output after every target, ...) are stored as a failed result at once with a content-free reason;
/// transient ones are returned in <see cref="ScreenCandidateGroupResult.Retry"/> with the provider's Retry-After, so the
/// orchestrator retries only them. The activity itself fails only when the store fails before any call.
/// </summary>
public sealed class ScreenCandidateGroupActivity(
    IScreeningStore store,
    RequisitionCache requisitions,
    IAiFunctionInvoker invoker,
    ResumeScreeningFunction screeningFunction,
    ResumeSanitizer sanitizer,
    IPiiRedactor redactor,
    TimeProvider time, WorkflowMetrics? metrics = null, IOptions<ScreeningOptions>? options = null) : WorkflowActivity<ScreenCandidateGroupInput, ScreenCandidateGroupResult>
{
    private readonly ScreeningOptions _options = options?.Value ?? new ScreeningOptions();

    /// <summary>The workflow name the AI calls are accounted to (<see cref="AiCallContext.Workflow"/>).</summary>
    public const string WorkflowName = "resume-screening";

    protected override async Task<ScreenCandidateGroupResult> ExecuteAsync(TaskActivityContext context, ScreenCandidateGroupInput input)
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
        var pending = input.CandidateIds.Where(id => existing.GetValueOrDefault(id) is not { Status: CandidateResultStatus.Screened } done
            || (input.RequiredScorer is not null && !string.Equals(done.Scorer, input.RequiredScorer, StringComparison.Ordinal))).ToArray();
        var settled = input.CandidateIds.Where(id => !pending.Contains(id)).Select(id => CandidateScreeningOutcome.Of(existing[id])).ToList();
        if (pending.Length == 0)
        {
            return new ScreenCandidateGroupResult(settled, []);
        }

        var requisition = await requisitions.GetAsync(input.BatchId, input.BatchAcceptedAt).ConfigureAwait(false);
        var candidates = await store.FindCandidatesAsync(input.BatchId, pending).ConfigureAwait(false);
        var callContext = new AiCallContext(input.Tenant, WorkflowName, input.CorrelationId)
        {
            Targeting = input.RequiredScorer is { } required
                ? RouteTargetPreference.Only(ScreeningScorer.Target(required))
                : RouteTargetPreference.Affinity(input.BatchId),
        };
        var window = input.MaxConcurrentCalls <= 0 ? pending.Length : Math.Min(input.MaxConcurrentCalls, pending.Length);
        var startBy = input.StartBudget is { } budget ? time.GetTimestamp() + (long)(budget.TotalSeconds * time.TimestampFrequency) : long.MaxValue;

        var writer = new ResultWriter(store);
        var retry = new List<CandidateAttemptFailure>();
        var inFlight = new List<Task<Attempt>>(window);
        var next = 0;
        while (next < pending.Length || inFlight.Count > 0)
        {
            while (next < pending.Length && inFlight.Count < window && (next == 0 || time.GetTimestamp() < startBy))
            {
                var id = pending[next++];
                inFlight.Add(candidates.TryGetValue(id, out var candidate)
                    ? ScreenAndStoreTracedAsync(writer, candidate, requisition, callContext, existing.GetValueOrDefault(id))
                    : StoreAsync(writer, FailedResult(input.BatchId, id, string.Empty, $"{FailureReasons.InvalidInput}: candidate '{id}' is not stored in batch '{input.BatchId}'.")));
            }

            if (inFlight.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
            inFlight.Remove(done);
            var attempt = await done.ConfigureAwait(false);
            if (attempt.Outcome is { } outcome)
            {
                settled.Add(outcome);
            }
            else
            {
                retry.Add(attempt.Failure!);
            }
        }

        return new ScreenCandidateGroupResult(settled, retry, next < pending.Length ? pending[next..] : null);
    }

    /// <summary>
    /// Sanitise, name-blind, redact: the only text about the candidate that leaves for a model. The same for every name
    /// (and for no name) when the resume differs only in the name (docs/fairness.md): the blinder removes the name where
    /// it is used as one, with one placeholder, and leaves e-mail addresses and profile URLs to the redactor, which then
    /// runs without the name so its placeholders are numbered the same way whatever the name.
    /// Why here and not only in the route's pipeline (<c>UseRedaction</c>, which redacts every other prompt): what the
    /// screening function derives from the resume text — the spotlighting fence and the shadow call key — must not
    /// depend on the name either, so the text is redacted before the prompt is built. The pipeline then finds nothing
    /// left in it (each item is replaced once; <see cref="AiFunctionProvenance.RedactedItems"/> counts what the pipeline
    /// replaced, 0 for a prepared resume, and is added to the stored count), and the kernel refuses a screening route
    /// that does not redact (<see cref="AiFunction{TInput,TOutput}.SendsPersonalData"/>).
    /// </summary>
    public PreparedResume Prepare(string resume, string? displayName)
    {
        var sanitized = sanitizer.Sanitize(resume);
        var (blinded, names) = CandidateNameBlinder.Blind(sanitized.Text, displayName);
        var redacted = redactor.Redact(blinded);
        var spans = sanitized.Spans
            .Select(s => s with { Excerpt = redactor.Redact(CandidateNameBlinder.Blind(s.Excerpt, displayName).Text).Text })
            .ToArray();
        return new PreparedResume(redacted.Text, sanitized.Flags, redacted.Count + names, spans);
    }

    /// <summary>
    /// Why a screened candidate is held (empty: not held): an injection signal in the resume, or — the output check —
    /// a criterion scored above 0 by a generative model without evidence, or evidence quoted from a flagged span
    /// (docs/fairness.md). Deterministic rules scorers ("generative: false") cannot be instructed by the resume; only
    /// the flagged-span rule applies to them.
    /// </summary>
    public static IReadOnlyList<string> HoldReasons(PreparedResume prepared, ScreeningAssessment assessment, bool generative)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(assessment);
        var reasons = prepared.Flags
            .Where(f => InjectionSignals.Holds(f.Kind))
            .Select(f => $"{f.Kind}: {f.Detail}")
            .ToList();
        foreach (var criterion in assessment.Criteria ?? [])
        {
            var evidence = (criterion.Evidence ?? []).Where(e => !string.IsNullOrWhiteSpace(e)).ToArray();
            if (generative && criterion.Score > 0 && evidence.Length == 0)
            {
                reasons.Add($"unsupported-score: criterion '{criterion.CriterionId}' scored {criterion.Score} without evidence quoted from the resume.");
            }

            if (evidence.Any(e => e.Contains(ResumeSanitizer.InjectionMarker, StringComparison.Ordinal)
                || prepared.Spans.Any(s => s.Excerpt.Length >= 8 && (s.Excerpt.Contains(e.Trim(), StringComparison.OrdinalIgnoreCase) || e.Contains(s.Excerpt, StringComparison.OrdinalIgnoreCase)))))
            {
                reasons.Add($"evidence-in-flagged-span: criterion '{criterion.CriterionId}' cites text the injection defence flagged.");
            }
        }

        return reasons;
    }

    /// <summary>
    /// The generative-versus-deterministic check (docs/fairness.md): the same input scored on
    /// <see cref="ScreeningOptions.BaselineRoute"/> (the local rules scorer, which the resume cannot instruct). Hold
    /// reasons when the generative overall score exceeds the baseline's by more than
    /// <see cref="ScreeningOptions.MaxScoreGap"/> points, when the generative model passes the must-have gate that the
    /// baseline fails (an instruction may ask for the gate alone), or when no deterministic baseline could be taken
    /// (the score is then not trusted unchecked); empty when both agree.
    /// </summary>
    private async Task<IReadOnlyList<string>> BaselineDisagreementAsync(ScreeningInput input, ScreeningAssessment generative, AiCallContext callContext)
    {
        if (_options.MaxScoreGap >= 100)
        {
            return [];
        }

        AiFunctionResult<ScreeningAssessment> baseline;
        try
        {
            baseline = await invoker.InvokeForAsync(callContext with { Targeting = null }, screeningFunction.OnRoute(_options.BaselineRoute), input).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure of the baseline leaves the flagged candidate unchecked: held, with the content-free reason.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return [$"score-gap-unchecked: the deterministic baseline score on route '{_options.BaselineRoute}' could not be taken ({FailureClassifier.Classify(e).Reason}); the generative score is held until a reviewer looks."];
        }

        if (baseline.Provenance.Generative)
        {
            return [$"score-gap-unchecked: the baseline route '{_options.BaselineRoute}' answered with a generative model ({baseline.Provenance.ProviderInstance}/{baseline.Provenance.Model}); point it at the local plugin."];
        }

        var reasons = new List<string>(2);
        var gap = generative.OverallScore - baseline.Output.OverallScore;
        if (gap > _options.MaxScoreGap)
        {
            reasons.Add($"score-gap: the generative overall score {generative.OverallScore} exceeds the deterministic score {baseline.Output.OverallScore} ({baseline.Provenance.ProviderInstance}/{baseline.Provenance.Model}) by {gap} points (limit {_options.MaxScoreGap}, AiFunctions:Screening:MaxScoreGap).");
        }

        if (generative.MustHavesMet && !baseline.Output.MustHavesMet)
        {
            var failed = baseline.Output.Criteria.Where(c => !c.Met && input.Criteria.Any(k => k.Id == c.CriterionId && k.Kind == CriterionKind.MustHave)).Select(c => $"'{c.CriterionId}'");
            reasons.Add($"must-have-gap: the generative model passes the must-have gate; the deterministic scorer ({baseline.Provenance.ProviderInstance}/{baseline.Provenance.Model}) does not meet {string.Join(", ", failed)}.");
        }

        return reasons;
    }

    /// <summary>An opaque per-batch reference for the model's input: not the ATS id, which might identify the person.</summary>
    public static string CandidateRef(string batchId, string candidateId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{batchId}\n{candidateId}"));
        return "cand-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }

    /// <summary>
    /// <see cref="ScreenAndStoreAsync"/> inside a "screen candidate" span (batch id, the pseudonymous candidate ref and
    /// the attempt's status; never the ATS id, a name or resume text), timed into
    /// <see cref="WorkflowMetrics.CandidateDuration"/>.
    /// </summary>
    private async Task<Attempt> ScreenAndStoreTracedAsync(ResultWriter writer, CandidateRecord candidate, RequisitionSpec requisition, AiCallContext callContext, CandidateResult? previous)
    {
        using var span = WorkflowTelemetry.Source.StartActivity("screen candidate");
        span?.SetTag(WorkflowTelemetry.BatchIdAttribute, candidate.BatchId);
        span?.SetTag(WorkflowTelemetry.CandidateRefAttribute, CandidateRef(candidate.BatchId, candidate.CandidateId));
        var started = time.GetTimestamp();
        var attempt = await ScreenAndStoreAsync(writer, candidate, requisition, callContext, previous).ConfigureAwait(false);
        var status = attempt.Outcome is null ? "retry" : attempt.Outcome.Status == CandidateResultStatus.Screened ? "screened" : "failed";
        span?.SetTag(WorkflowTelemetry.CandidateStatusAttribute, status);
        if (status != "screened")
        {
            // The failure's reason (a FailureReasons / AiFailureReason name), never its description.
            var errorType = attempt.ErrorType ?? "Unknown";
            span?.SetTag(WorkflowTelemetry.ErrorTypeAttribute, errorType);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, errorType);
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

    /// <summary>
    /// One candidate: screen, then store its result at once (screened, or failed for good), or say why to retry it. A
    /// re-score that fails for good keeps the candidate's earlier screened result (not ranked when its scorer is not the
    /// batch's): a failure never overwrites an assessment.
    /// </summary>
    private async Task<Attempt> ScreenAndStoreAsync(ResultWriter writer, CandidateRecord candidate, RequisitionSpec requisition, AiCallContext callContext, CandidateResult? previous)
    {
        CandidateResult result;
        try
        {
            result = await ScreenOneAsync(candidate, requisition, callContext).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure is this candidate's, not the group's: classified, then stored or retried (no token: a cancellation is a time-out).
        catch (Exception e)
#pragma warning restore CA1031
        {
            var failure = FailureClassifier.Classify(e);
            if (failure.IsTransient)
            {
                return new Attempt(null, new CandidateAttemptFailure(candidate.CandidateId, failure.ToString(), failure.RetryAfter), failure.Reason);
            }

            result = FailedResult(candidate.BatchId, candidate.CandidateId, candidate.DisplayName, failure.ToString());
        }

        if (result.Status == CandidateResultStatus.Failed && previous is { Status: CandidateResultStatus.Screened })
        {
            return new Attempt(CandidateScreeningOutcome.Of(previous), null);
        }

        return await StoreAsync(writer, result).ConfigureAwait(false);
    }

    private static async Task<Attempt> StoreAsync(ResultWriter writer, CandidateResult result)
    {
        try
        {
            await writer.StoreAsync(result).ConfigureAwait(false);

            // A failed result's error is "{Reason}: {description}" (ClassifiedFailure, FailureReasons).
            var errorType = result.Status == CandidateResultStatus.Failed ? result.Error?.Split(':', 2)[0] : null;
            return new Attempt(CandidateScreeningOutcome.Of(result), null, errorType);
        }
#pragma warning disable CA1031 // A failed write is retried for this candidate only (a permanent one is recorded by the orchestrator).
        catch (Exception e)
#pragma warning restore CA1031
        {
            var failure = FailureClassifier.Classify(e);
            return new Attempt(null, new CandidateAttemptFailure(result.CandidateId, failure.ToString(), failure.RetryAfter), failure.Reason);
        }
    }

    private async Task<CandidateResult> ScreenOneAsync(CandidateRecord candidate, RequisitionSpec requisition, AiCallContext callContext)
    {
        var resume = await candidate.ReadResumeAsync(store).ConfigureAwait(false);
        if (resume is null)
        {
            return FailedResult(candidate.BatchId, candidate.CandidateId, candidate.DisplayName,
                $"{FailureReasons.InvalidInput}: the resume '{candidate.ResumeBlobName}' is not stored (erased, purged, or never uploaded): upload it again before starting the batch.");
        }

        if (resume.Length > WorkflowLimits.MaxResumeChars)
        {
            return FailedResult(candidate.BatchId, candidate.CandidateId, candidate.DisplayName,
                $"{FailureReasons.InvalidInput}: the resume is {resume.Length} characters; the limit is {WorkflowLimits.MaxResumeChars}.");
        }

        var prepared = Prepare(resume, candidate.DisplayName);
        var screeningInput = new ScreeningInput(
            requisition.RequisitionId,
            requisition.Title,
            requisition.JobDescription,
            requisition.Criteria,
            CandidateRef(candidate.BatchId, candidate.CandidateId),
            prepared.Text);

        var result = await invoker.InvokeForAsync(callContext, screeningFunction, screeningInput).ConfigureAwait(false);
        var holdReasons = HoldReasons(prepared, result.Output, result.Provenance.Generative).ToList();
        if (result.Provenance.Generative && (prepared.Flags.Count > 0 || _options.BaselineCheck == BaselineCheckScope.AllGenerative))
        {
            holdReasons.AddRange(await BaselineDisagreementAsync(screeningInput, result.Output, callContext).ConfigureAwait(false));
        }

        if (holdReasons.Count > 0)
        {
            metrics?.CandidatesHeld.Add(1, WorkflowMetrics.Tenant(callContext.Tenant));
        }

        return new CandidateResult(
            candidate.BatchId,
            candidate.CandidateId,
            candidate.DisplayName,
            CandidateResultStatus.Screened,
            result.Output,
            result.Provenance,
            prepared.Flags,
            prepared.RedactedItems + result.Provenance.RedactedItems,
            time.GetUtcNow(),
            Hold: holdReasons.Count > 0 ? new CandidateHold(holdReasons, prepared.Spans) : null);
    }

    private CandidateResult FailedResult(string batchId, string candidateId, string displayName, string reason) =>
        new(batchId, candidateId, displayName, CandidateResultStatus.Failed, null, null, [], 0, time.GetUtcNow(), Error: reason);

    /// <param name="ErrorType">The failure reason when the attempt failed (to retry, or for good): the span's <c>error.type</c>.</param>
    private sealed record Attempt(CandidateScreeningOutcome? Outcome, CandidateAttemptFailure? Failure, string? ErrorType = null);

    /// <summary>
    /// Stores results as candidates finish (group commit): the first result is written at once; results that finish
    /// while a write is in progress go together in the next write (one entity-group transaction). No result waits
    /// for anything but the write in progress, and a candidate counts as settled only once its result is stored.
    /// </summary>
    private sealed class ResultWriter(IScreeningStore store)
    {
        private readonly List<(CandidateResult Result, TaskCompletionSource Stored)> _pending = [];
        private bool _writing;

        public Task StoreAsync(CandidateResult result)
        {
            var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_pending)
            {
                _pending.Add((result, stored));
                if (!_writing)
                {
                    _writing = true;
                    _ = Task.Run(WriteLoopAsync);
                }
            }

            return stored.Task;
        }

        private async Task WriteLoopAsync()
        {
            while (true)
            {
                (CandidateResult Result, TaskCompletionSource Stored)[] batch;
                lock (_pending)
                {
                    if (_pending.Count == 0)
                    {
                        _writing = false;
                        return;
                    }

                    batch = [.. _pending];
                    _pending.Clear();
                }

                try
                {
                    await store.UpsertResultsAsync(batch.Select(b => b.Result).ToArray()).ConfigureAwait(false);
                    Array.ForEach(batch, b => b.Stored.SetResult());
                }
#pragma warning disable CA1031 // The failure belongs to each waiting candidate, which classifies it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Array.ForEach(batch, b => b.Stored.SetException(e));
                }
            }
        }
    }
}

/// <summary>The resume text a model may see, what the sanitiser flagged, how many items were redacted, and the flagged spans (blinded, redacted excerpts).</summary>
public sealed record PreparedResume(string Text, IReadOnlyList<SanitizerFlag> Flags, int RedactedItems, IReadOnlyList<FlaggedSpan> Spans)
{
    /// <summary>Whether the resume carries an injection signal (<see cref="InjectionSignals.Holds"/>).</summary>
    public bool HasInjectionSignal => Flags.Any(f => InjectionSignals.Holds(f.Kind));
}
