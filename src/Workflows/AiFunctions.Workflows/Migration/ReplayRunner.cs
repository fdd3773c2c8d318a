using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// Runs one replay: re-screens every candidate of a stored batch on the candidate target from the batch's stored inputs,
/// prepared exactly as screening prepared them (<see cref="ScreenCandidateGroupActivity.Prepare"/>: sanitised,
/// name-blinded, redacted; the same opaque candidate reference), through <see cref="IAiFunctionEvaluator"/> (the
/// route's per-target pipeline, usage booked to the shadow ledger), at most
/// <see cref="ReplayOptions.MaxConcurrentCalls"/> calls at once. Writes only to the replay store — one result per
/// candidate as soon as it finishes, and the progress — and never to the batch's results. Resumable: candidates with a
/// stored replay result are not called again, so a replay interrupted by a restart continues where it stopped.
/// Logs ids, counts and reasons only.
/// </summary>
internal sealed partial class ReplayRunner(
    IScreeningStore store,
    IReplayStore replays,
    IAiFunctionEvaluator evaluator,
    ResumeScreeningFunction function,
    ScreenCandidateGroupActivity preparer,
    IProviderRegistry registry,
    IOptions<MigrationOptions> options,
    TimeProvider time,
    ILogger<ReplayRunner> logger)
{
    /// <summary>The workflow name replay calls are accounted to (<see cref="AiCallContext.Workflow"/>), in the shadow ledger.</summary>
    public const string WorkflowName = "migration-replay";

    /// <summary>The candidate ids fetched per store query (a table filter holds the partition key plus 14 row keys).</summary>
    private const int LookupGroup = 14;

    /// <summary>Runs (or continues) the replay; a finished or unknown replay is left as it is. Cancellation leaves it Running, to be resumed.</summary>
    public async Task RunAsync(string replayId, CancellationToken cancellationToken)
    {
        var replay = await replays.GetAsync(replayId, cancellationToken).ConfigureAwait(false);
        if (replay is null or { Status: ReplayStatus.Completed or ReplayStatus.Failed })
        {
            return;
        }

        try
        {
            replay = await RunCoreAsync(replay, cancellationToken).ConfigureAwait(false);
            LogCompleted(logger, replay.ReplayId, replay.BatchId, replay.Target, replay.Done);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The replay as a whole failed (store unreachable, batch gone): recorded with a content-free reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var reason = ex is ReplayException ? ex.Message : $"{Failures.FailureClassifier.Classify(ex)}";
            LogFailed(logger, replay.ReplayId, reason);
            var latest = await replays.GetAsync(replay.ReplayId, CancellationToken.None).ConfigureAwait(false) ?? replay;
            await replays.SaveAsync(latest with { Status = ReplayStatus.Failed, Error = reason, UpdatedAt = time.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<ReplayRecord> RunCoreAsync(ReplayRecord replay, CancellationToken cancellationToken)
    {
        var batch = await store.GetBatchAsync(replay.BatchKey, includeProgress: false, cancellationToken).ConfigureAwait(false)
            ?? throw new ReplayException($"batch '{replay.BatchId}' is no longer stored.");
        var results = await store.GetResultsAsync(replay.BatchKey, cancellationToken).ConfigureAwait(false);
        var ids = results.Select(r => r.CandidateId).Distinct(StringComparer.Ordinal).ToArray();
        var done = await replays.GetCandidatesAsync(replay.ReplayId, cancellationToken).ConfigureAwait(false);
        var pending = ids.Where(id => !done.ContainsKey(id)).ToArray();
        var progress = new Progress(replays, replay with { Status = ReplayStatus.Running, Total = ids.Length, Done = ids.Length - pending.Length, UpdatedAt = time.GetUtcNow() }, time);
        await progress.SaveAsync(cancellationToken).ConfigureAwait(false);

        var target = ReplayTargets.Parse(replay.Target);
        var generative = registry.GetInstance(target.Provider).Plugin.IsGenerative;
        var records = new Dictionary<string, CandidateRecord>(StringComparer.Ordinal);
        foreach (var group in pending.Chunk(LookupGroup))
        {
            foreach (var (id, record) in await store.FindCandidatesAsync(replay.BatchKey, group, cancellationToken).ConfigureAwait(false))
            {
                records[id] = record;
            }
        }

        using var context = AiCallContext.Begin(new AiCallContext(replay.Tenant, WorkflowName, replay.ReplayId));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Replay.MaxConcurrentCalls, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(pending, parallel, async (candidateId, token) =>
        {
            var result = await ReplayOneAsync(replay, batch, records.GetValueOrDefault(candidateId), candidateId, target, generative, token).ConfigureAwait(false);
            await replays.UpsertCandidateAsync(result, token).ConfigureAwait(false);
            await progress.AddAsync(token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        return await progress.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReplayCandidateResult> ReplayOneAsync(
        ReplayRecord replay, ScreeningBatchRecord batch, CandidateRecord? candidate, string candidateId, RouteTargetOptions target, bool generative, CancellationToken cancellationToken)
    {
        var resume = candidate is null ? null : await store.GetResumeAsync(candidate.ResumeBlobName, cancellationToken).ConfigureAwait(false);
        if (candidate is null || resume is null || resume.Length > WorkflowLimits.MaxResumeChars)
        {
            // The batch's own result says the same (the screening could not read this candidate either).
            return new ReplayCandidateResult(replay.ReplayId, candidateId, NotRun(replay.Target, Failures.FailureReasons.InvalidInput), false, [], false, time.GetUtcNow());
        }

        var prepared = preparer.Prepare(resume, candidate.DisplayName);
        var requisition = batch.Requisition;
        var input = new ScreeningInput(
            requisition.RequisitionId, requisition.Title, requisition.JobDescription, requisition.Criteria,
            ScreenCandidateGroupActivity.CandidateRef(batch.BatchId, candidateId), prepared.Text);
        var evaluation = await evaluator.EvaluateAsync(function, input, target, cancellationToken).ConfigureAwait(false);
        if (evaluation.Output is not { } output)
        {
            return new ReplayCandidateResult(replay.ReplayId, candidateId, evaluation.Side, false, [], false, time.GetUtcNow());
        }

        var kinds = ScreenCandidateGroupActivity.HoldReasons(prepared, output, generative)
            .Select(r => r.Split(':', 2)[0].Trim())
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new ReplayCandidateResult(replay.ReplayId, candidateId, evaluation.Side, kinds.Length > 0, kinds, ReplayComparisons.EvidenceHoldsUp(kinds), time.GetUtcNow());
    }

    private static ShadowSide NotRun(string target, string reason) =>
        new(target, ShadowOutcome.Failed, reason, false, 0, 0, 0, 0, 0m, "USD", new Dictionary<string, double>());

    [LoggerMessage(1, LogLevel.Information, "Replay {ReplayId} of batch {BatchId} on {Target} completed: {Done} candidates.")]
    private static partial void LogCompleted(ILogger logger, string replayId, string batchId, string target, int done);

    [LoggerMessage(2, LogLevel.Warning, "Replay {ReplayId} failed: {Reason}.")]
    private static partial void LogFailed(ILogger logger, string replayId, string reason);

    /// <summary>The replay's record with a running count, saved after each candidate (one writer at a time).</summary>
    private sealed class Progress(IReplayStore replays, ReplayRecord replay, TimeProvider time)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private ReplayRecord _replay = replay;

        public Task SaveAsync(CancellationToken cancellationToken) => replays.SaveAsync(_replay, cancellationToken);

        public async Task AddAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _replay = _replay with { Done = Math.Min(_replay.Total, _replay.Done + 1), UpdatedAt = time.GetUtcNow() };
                await replays.SaveAsync(_replay, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<ReplayRecord> CompleteAsync(CancellationToken cancellationToken)
        {
            _replay = _replay with { Status = ReplayStatus.Completed, Done = _replay.Total, UpdatedAt = time.GetUtcNow() };
            await replays.SaveAsync(_replay, cancellationToken).ConfigureAwait(false);
            return _replay;
        }
    }
}

/// <summary>A replay that cannot go on, with a content-free reason.</summary>
internal sealed class ReplayException(string message) : Exception(message);
