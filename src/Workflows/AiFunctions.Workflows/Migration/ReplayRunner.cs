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
/// Runs one replay. A drafting replay drafts every stored version of its selection again on the candidate target
/// (<see cref="DraftingReplayer"/>) and writes one row per version. A screening replay
/// re-screens every candidate of a stored batch on the candidate target from the batch's stored inputs,
/// prepared exactly as screening prepared them (<see cref="ScreenCandidateGroupActivity.Prepare"/>: sanitised,
/// name-blinded, redacted; the same opaque candidate reference), through <see cref="IAiFunctionEvaluator"/> (the
/// route's per-target pipeline, usage booked to the shadow ledger), at most
/// <see cref="ReplayOptions.MaxConcurrentCalls"/> calls at once. Writes only to the replay store — one result per
/// candidate as soon as it finishes, and the progress — and never to the batch's results. Resumable: candidates with a
/// stored replay result are not called again, so a replay interrupted by a restart continues where it stopped.
/// One host at a time: the runner claims the replay in the store (<see cref="IReplayStore.TryClaimAsync"/>) for
/// <see cref="ClaimDuration"/> and renews the claim every <see cref="ClaimRenewal"/> while it runs; a replay another
/// host holds is left to it, and a run whose claim was lost (its host stalled past the claim) stops without touching
/// the record, since the new holder carries on. At least once without double counting: rows are keyed by (replay, item),
/// and the progress a run starts from and the counts it ends with are read from the rows, not added up across runs.
/// Logs ids, counts and reasons only.
/// </summary>
internal sealed partial class ReplayRunner(
    IScreeningStore store,
    IReplayStore replays,
    IAiFunctionEvaluator evaluator,
    ResumeScreeningFunction function,
    ScreenCandidateGroupActivity preparer,
    DraftingReplayer drafting,
    IProviderRegistry registry,
    IOptions<MigrationOptions> options,
    TimeProvider time,
    ILogger<ReplayRunner> logger)
{
    /// <summary>The workflow name replay calls are accounted to (<see cref="AiCallContext.Workflow"/>), in the shadow ledger.</summary>
    public const string WorkflowName = "migration-replay";

    /// <summary>The candidate ids fetched per store query (a table filter holds the partition key plus 14 row keys).</summary>
    private const int LookupGroup = 14;

    /// <summary>How long a host's claim on a replay lasts without renewal (a crashed host's replay is free again after this).</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(2);

    /// <summary>How often a running replay renews its claim.</summary>
    public static readonly TimeSpan ClaimRenewal = TimeSpan.FromSeconds(30);

    /// <summary>This host process, as a claim owner.</summary>
    public static readonly string HostOwner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Runs (or continues) the replay; a finished or unknown replay, or one another host holds, is left as it is.
    /// Cancellation of <paramref name="cancellationToken"/> (the host stopping) leaves it Running, to be resumed; an
/// operator's cancel request (<see cref="IReplayStore.RequestCancelAsync"/>) stops it before the next model call and
/// ends it as Cancelled. True when this call ran it to an end (Completed, Failed or Cancelled).
    /// </summary>
    public async Task<bool> RunAsync(string replayId, CancellationToken cancellationToken, string? owner = null)
    {
        owner ??= HostOwner;
        var replay = await replays.GetAsync(replayId, cancellationToken).ConfigureAwait(false);
        if (replay is null or { Status: ReplayStatus.Completed or ReplayStatus.Failed or ReplayStatus.Cancelled })
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (!await replays.TryClaimAsync(replayId, owner, now, now + ClaimDuration, cancellationToken).ConfigureAwait(false))
        {
            LogClaimedElsewhere(logger, replayId);
            return false;
        }

        using var claim = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(replayId, owner, claim);
        try
        {
            return await RunClaimedAsync(replay, claim.Token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await claim.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            await replays.ReleaseAsync(replayId, owner, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Renews the claim until <paramref name="claim"/> is cancelled; cancels it when the claim was lost or cannot be renewed.</summary>
    private async Task RenewAsync(string replayId, string owner, CancellationTokenSource claim)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ClaimRenewal, time, claim.Token).ConfigureAwait(false);
                var now = time.GetUtcNow();
                if (!await replays.TryClaimAsync(replayId, owner, now, now + ClaimDuration, claim.Token).ConfigureAwait(false))
                {
                    LogClaimLost(logger, replayId);
                    await claim.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (claim.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A store failure while renewing: stop this run (leaving the replay Running to be resumed), never run unclaimed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogClaimLost(logger, replayId + " (" + ex.GetType().Name + ")");
            await claim.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> RunClaimedAsync(ReplayRecord replay, CancellationToken claimed, CancellationToken cancellationToken)
    {
        try
        {
            replay = replay.Kind == ReplayKind.Drafting
                ? await RunDraftingAsync(replay, claimed).ConfigureAwait(false)
                : await RunCoreAsync(replay, claimed).ConfigureAwait(false);
            LogCompleted(logger, replay.ReplayId, replay.Kind, replay.Target, replay.Done, replay.Failed);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (claimed.IsCancellationRequested)
        {
            return false; // the claim was lost: the host that holds it now carries on; this one writes nothing more
        }
        catch (ReplayCancelledException)
        {
            // An operator asked to stop: what was replayed is kept (and reported); nothing more is called.
            var latest = await replays.GetAsync(replay.ReplayId, CancellationToken.None).ConfigureAwait(false) ?? replay;
            var rows = await replays.GetCandidatesAsync(replay.ReplayId, CancellationToken.None).ConfigureAwait(false);
            latest = latest with
            {
                Status = ReplayStatus.Cancelled,
                Done = Math.Min(latest.Total, rows.Count),
                Failed = Math.Min(latest.Total, rows.Values.Count(Progress.IsFailure)),
                UpdatedAt = time.GetUtcNow(),
            };
            await replays.SaveAsync(latest, CancellationToken.None).ConfigureAwait(false);
            LogCancelled(logger, replay.ReplayId, latest.Done, latest.Total);
            return true;
        }
#pragma warning disable CA1031 // The replay as a whole failed (store unreachable, batch gone): recorded with a content-free reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var reason = ex is ReplayException ? ex.Message : $"{Failures.FailureClassifier.Classify(ex)}";
            LogFailed(logger, replay.ReplayId, reason);
            var latest = await replays.GetAsync(replay.ReplayId, CancellationToken.None).ConfigureAwait(false) ?? replay;
            await replays.SaveAsync(latest with { Status = ReplayStatus.Failed, Error = reason, UpdatedAt = time.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
    }

    private async Task<ReplayRecord> RunDraftingAsync(ReplayRecord replay, CancellationToken cancellationToken)
    {
        var selection = replay.Drafting ?? throw new ReplayException("the drafting replay has no selection.");
        var work = await drafting.LoadAsync(replay.Tenant, selection, cancellationToken).ConfigureAwait(false);
        var ids = work.Items.Select(i => i.ItemId).ToArray();
        var (progress, pending) = await StartProgressAsync(
            replay with { Drafting = selection with { NotFound = work.NotFound, WithoutRequest = work.WithoutRequest } }, ids, cancellationToken).ConfigureAwait(false);
        var target = ReplayTargets.Parse(replay.Target);
        using var context = AiCallContext.Begin(new AiCallContext(replay.Tenant, DraftingReplayer.WorkflowName, replay.ReplayId));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Replay.MaxConcurrentCalls, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(work.Items.Where(i => pending.Contains(i.ItemId)), parallel, async (item, token) =>
        {
            await ThrowIfCancelRequestedAsync(replay.ReplayId, token).ConfigureAwait(false);
            var result = await drafting.ReplayAsync(replay.ReplayId, item, target, token).ConfigureAwait(false);
            await replays.UpsertCandidateAsync(result, token).ConfigureAwait(false);
            await progress.AddAsync(result, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        return await progress.CompleteAsync(ids, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the run (before the next model call) once an operator has asked to cancel the replay.</summary>
    private async Task ThrowIfCancelRequestedAsync(string replayId, CancellationToken cancellationToken)
    {
        if (await replays.IsCancelRequestedAsync(replayId, cancellationToken).ConfigureAwait(false))
        {
            throw new ReplayCancelledException();
        }
    }

    /// <summary>The replay as Running with its total and what its stored rows say is done (and failed); the items still to replay.</summary>
    private async Task<(Progress Progress, HashSet<string> Pending)> StartProgressAsync(ReplayRecord replay, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var done = await replays.GetCandidatesAsync(replay.ReplayId, cancellationToken).ConfigureAwait(false);
        var pending = ids.Where(id => !done.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        var progress = new Progress(replays, Counted(replay with { Status = ReplayStatus.Running, UpdatedAt = time.GetUtcNow() }, ids, done), time);
        await progress.SaveAsync(cancellationToken).ConfigureAwait(false);
        return (progress, pending);
    }

    /// <summary>The replay with total, done and failed counted from its stored rows of <paramref name="ids"/> (never added across runs).</summary>
    private static ReplayRecord Counted(ReplayRecord replay, IReadOnlyList<string> ids, IReadOnlyDictionary<string, ReplayCandidateResult> rows)
    {
        var stored = ids.Where(rows.ContainsKey).Select(id => rows[id]).ToArray();
        return replay with { Total = ids.Count, Done = stored.Length, Failed = stored.Count(Progress.IsFailure) };
    }

    private async Task<ReplayRecord> RunCoreAsync(ReplayRecord replay, CancellationToken cancellationToken)
    {
        var batchKey = replay.BatchKey ?? throw new ReplayException("the screening replay names no batch.");
        var batch = await store.GetBatchAsync(batchKey, includeProgress: false, cancellationToken).ConfigureAwait(false)
            ?? throw new ReplayException($"batch '{replay.BatchId}' is no longer stored.");
        var results = await store.GetResultsAsync(batchKey, cancellationToken).ConfigureAwait(false);
        var ids = results.Select(r => r.CandidateId).Distinct(StringComparer.Ordinal).ToArray();
        var (progress, pendingSet) = await StartProgressAsync(replay, ids, cancellationToken).ConfigureAwait(false);
        var pending = ids.Where(pendingSet.Contains).ToArray();

        var target = ReplayTargets.Parse(replay.Target);
        var generative = registry.GetInstance(target.Provider).Plugin.IsGenerative;
        var records = new Dictionary<string, CandidateRecord>(StringComparer.Ordinal);
        foreach (var group in pending.Chunk(LookupGroup))
        {
            foreach (var (id, record) in await store.FindCandidatesAsync(batchKey, group, cancellationToken).ConfigureAwait(false))
            {
                records[id] = record;
            }
        }

        using var context = AiCallContext.Begin(new AiCallContext(replay.Tenant, WorkflowName, replay.ReplayId));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Replay.MaxConcurrentCalls, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(pending, parallel, async (candidateId, token) =>
        {
            await ThrowIfCancelRequestedAsync(replay.ReplayId, token).ConfigureAwait(false);
            var result = await ReplayOneAsync(replay, batch, records.GetValueOrDefault(candidateId), candidateId, target, generative, token).ConfigureAwait(false);
            await replays.UpsertCandidateAsync(result, token).ConfigureAwait(false);
            await progress.AddAsync(result, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        return await progress.CompleteAsync(ids, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReplayCandidateResult> ReplayOneAsync(
        ReplayRecord replay, ScreeningBatchRecord batch, CandidateRecord? candidate, string candidateId, RouteTargetOptions target, bool generative, CancellationToken cancellationToken)
    {
        var resume = candidate is null ? null : await candidate.ReadResumeAsync(store, cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(1, LogLevel.Information, "Replay {ReplayId} ({Kind}) on {Target} completed: {Done} items, {Failed} failed.")]
    private static partial void LogCompleted(ILogger logger, string replayId, ReplayKind kind, string target, int done, int failed);

    [LoggerMessage(2, LogLevel.Warning, "Replay {ReplayId} failed: {Reason}.")]
    private static partial void LogFailed(ILogger logger, string replayId, string reason);

    [LoggerMessage(3, LogLevel.Information, "Replay {ReplayId} is claimed by another host; left to it.")]
    private static partial void LogClaimedElsewhere(ILogger logger, string replayId);

    [LoggerMessage(5, LogLevel.Information, "Replay {ReplayId} cancelled by an operator after {Done}/{Total} items.")]
    private static partial void LogCancelled(ILogger logger, string replayId, int done, int total);

    [LoggerMessage(4, LogLevel.Warning, "Replay {ReplayId}: this host lost its claim; it stops and leaves the replay to the host that holds it.")]
    private static partial void LogClaimLost(ILogger logger, string replayId);

    /// <summary>
    /// The replay's record with running counts (done, failed), saved after each item (one writer at a time). The counts
    /// it starts from and ends with are counted from the stored rows, so an item replayed twice (a resumed run, or a
    /// stalled host's late write) is one row and is counted once.
    /// </summary>
    private sealed class Progress(IReplayStore replays, ReplayRecord replay, TimeProvider time)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private ReplayRecord _replay = replay;

        /// <summary>The candidate target's call failed or its answer was invalid (or, for drafting, produced no draft).</summary>
        public static bool IsFailure(ReplayCandidateResult result) => result.Side.Outcome != ShadowOutcome.Valid;

        public Task SaveAsync(CancellationToken cancellationToken) => replays.SaveAsync(_replay, cancellationToken);

        public async Task AddAsync(ReplayCandidateResult result, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _replay = _replay with
                {
                    Done = Math.Min(_replay.Total, _replay.Done + 1),
                    Failed = Math.Min(_replay.Total, _replay.Failed + (IsFailure(result) ? 1 : 0)),
                    UpdatedAt = time.GetUtcNow(),
                };
                await replays.SaveAsync(_replay, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<ReplayRecord> CompleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var rows = await replays.GetCandidatesAsync(_replay.ReplayId, cancellationToken).ConfigureAwait(false);
            _replay = Counted(_replay, ids, rows) with { Status = ReplayStatus.Completed, UpdatedAt = time.GetUtcNow() };
            await replays.SaveAsync(_replay, cancellationToken).ConfigureAwait(false);
            return _replay;
        }
    }
}

/// <summary>A replay that cannot go on, with a content-free reason.</summary>
internal sealed class ReplayException(string message) : Exception(message);

/// <summary>An operator asked to stop the replay (<see cref="IReplayStore.RequestCancelAsync"/>).</summary>
internal sealed class ReplayCancelledException() : Exception("The replay was cancelled by an operator.");
