using AiFunctions.HrFunctions.Screening;
using AiFunctions.Hosting.Security;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows;
using AiFunctions.Workflows.Migration;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// The migration operations (docs/migration.md), Operator role, the caller's tenant only: start a replay of a stored
/// screening batch, or of a set of stored job-description drafting requests, on a candidate target, follow its progress,
/// read its report (JSON or Markdown) with the safe-to-switch verdict, and read a route's shadow report. A replay writes
/// only to the replay store; the batch's results and the stored drafts are never touched. Creating a replay is
/// race-free across hosts (<see cref="IReplayStore.CreateAsync"/> on a deterministic start key). Logs ids, counts and
/// targets only.
/// </summary>
public sealed partial class MigrationApi(
    IScreeningStore store,
    IReplayStore replays,
    ReplayQueue queue,
    IProviderRegistry registry,
    IShadowPairStore shadowPairs,
    IShadowMonitor shadows,
    ResumeScreeningFunction function,
    AiFunctions.HrFunctions.Drafting.JobDescriptionDraftFunction draftFunction,
    IOptions<MigrationOptions> options,
    ILogger<MigrationApi> logger,
    TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The migration routes, in documentation order (part of <see cref="ApiRoutes.All"/>).</summary>
    public static ApiRoute StartReplay { get; } = new("StartMigrationReplay", "POST", "api/migrations/replays", ApiPolicies.Operator);

    public static ApiRoute StartDraftingReplay { get; } = new("StartMigrationDraftingReplay", "POST", "api/migrations/drafting-replays", ApiPolicies.Operator);

    public static ApiRoute GetReplay { get; } = new("GetMigrationReplay", "GET", "api/migrations/replays/{id}", ApiPolicies.Operator);

    public static ApiRoute CancelReplay { get; } = new("CancelMigrationReplay", "POST", "api/migrations/replays/{id}/cancel", ApiPolicies.Operator);

    public static ApiRoute GetReplayReport { get; } = new("GetMigrationReplayReport", "GET", "api/migrations/replays/{id}/report", ApiPolicies.Operator);

    public static ApiRoute GetShadowReport { get; } = new("GetMigrationShadowReport", "GET", "api/migrations/shadows/{route}/report", ApiPolicies.Operator);

    public static IReadOnlyList<ApiRoute> Routes { get; } = [StartReplay, StartDraftingReplay, GetReplay, CancelReplay, GetReplayReport, GetShadowReport];

    /// <summary>
    /// POST /api/migrations/replays: validates the batch (the caller's, screened) and the target (a configured instance
    /// and model), saves the replay as Queued and hands it to the background job; 202 with its Location. A start of a
    /// batch and target whose replay is still Queued or Running answers that replay (202, same id); a tenant with
    /// <see cref="MaxUnfinishedReplays"/> unfinished replays gets 409 <c>too-many-replays</c>.
    /// </summary>
    public async Task<IResult> StartReplayAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var (body, problem) = await ApiJson.ReadAsync<ReplayRequest>(request, cancellationToken, ApiJson.KnownMembersOnly).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<string>();
        if (!ResourceIds.IsValid(body!.BatchId))
        {
            errors.Add($"batchId is missing or invalid: use {ResourceIds.Rule}.");
        }

        errors.AddRange(CheckTarget(body.Target));
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var key = ApiCaller.Key(caller, body.BatchId)!;
        var batch = await store.GetBatchAsync(key, includeProgress: false, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return ApiProblems.Validation([$"batchId '{body.BatchId}' is not a screening batch of tenant '{caller.Tenant}': replay one of your own batches (GET {ApiRoutes.GetScreening.Pattern})."]);
        }

        if (batch.Status is ScreeningBatchStatus.Accepted or ScreeningBatchStatus.Screening or ScreeningBatchStatus.Ranking)
        {
            return ApiProblems.Conflict("batch-not-screened", $"Batch '{body.BatchId}' is {batch.Status}: a replay compares with the batch's results, so start it once the batch has been ranked (AwaitingReview or later).");
        }

        var now = _clock.GetUtcNow();
        var target = new RouteTargetOptions { Provider = body.Target!.Provider!, Model = body.Target.Model! };
        var targetName = ReplayTargets.Format(Canonical(target));
        var primaries = (await store.GetResultsAsync(key, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Provenance is not null).Select(r => $"{r.Provenance!.ProviderInstance}/{r.Provenance.Model}")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (primaries.Count == 1 && primaries.Contains(targetName))
        {
            // Compared with itself the report could only say "safe to switch" to where the batch was already screened.
            return ApiProblems.Validation([$"target '{targetName}' is the target batch '{body.BatchId}' was screened on: a replay compares a candidate with it, so choose another provider instance or model as target."]);
        }

        var replay = new ReplayRecord(
            NewReplayId(), caller.Tenant, body.BatchId!, key, targetName,
            function.Name, function.Version, caller.Name, ReplayStatus.Queued, batch.Total, 0, now, now);
        return await CreateAsync(request, caller, replay, ReplayStartKeys.Screening(key, targetName), body.BatchId!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// POST /api/migrations/drafting-replays: re-drafts stored job-description versions of the caller's tenant on a
    /// candidate target, chosen either by <c>jobDescriptionIds</c> (1-<see cref="DraftingReplays.MaxJobDescriptions"/>
    /// distinct ids of the tenant) or by the window <c>updatedFrom</c>..<c>updatedTo</c> (job descriptions last updated
    /// in it, at most <see cref="MaxDraftingWindow"/> long and at most <see cref="DraftingReplays.MaxJobDescriptions"/>
    /// job descriptions; <c>updatedTo</c> defaults to now). Every version drafted up to the start that kept its request is
    /// replayed. The ids are fixed at the start. 202 with its Location, like a screening replay; the same selection on
    /// the same target while its replay is unfinished answers that replay.
    /// </summary>
    public async Task<IResult> StartDraftingReplayAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        var (body, problem) = await ApiJson.ReadAsync<DraftingReplayRequest>(request, cancellationToken, ApiJson.KnownMembersOnly).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var now = _clock.GetUtcNow();
        var errors = CheckSelection(body!, now).ToList();
        errors.AddRange(CheckTarget(body!.Target));
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var primaries = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var (ids, selectionErrors) = body.JobDescriptionIds is { } listed
            ? await ResolveIdsAsync(caller, listed, primaries, cancellationToken).ConfigureAwait(false)
            : await ResolveWindowAsync(caller, body.UpdatedFrom!.Value, body.UpdatedTo ?? now, primaries, cancellationToken).ConfigureAwait(false);
        if (selectionErrors.Count > 0)
        {
            return ApiProblems.Validation(selectionErrors);
        }

        var target = new RouteTargetOptions { Provider = body.Target!.Provider!, Model = body.Target.Model! };
        var targetName = ReplayTargets.Format(Canonical(target));
        if (primaries.Count == 1 && primaries.Contains(targetName))
        {
            // Compared with itself the report could only say "safe to switch" to where the drafts already are.
            return ApiProblems.Validation([$"target '{targetName}' is the target every selected version was drafted on: a replay compares a candidate with it, so choose another provider instance or model as target (or select versions drafted elsewhere)."]);
        }

        var selection = new DraftingSelection(ids.Keys.Order(StringComparer.Ordinal).ToArray(), now,
            body.JobDescriptionIds is null ? body.UpdatedFrom : null, body.JobDescriptionIds is null ? body.UpdatedTo ?? now : null);
        var replay = new ReplayRecord(
            NewReplayId(), caller.Tenant, null, null, targetName, draftFunction.Name, draftFunction.Version, caller.Name,
            ReplayStatus.Queued, ids.Values.Sum(), 0, now, now, Kind: ReplayKind.Drafting, Drafting: selection);
        return await CreateAsync(request, caller, replay, ReplayStartKeys.Drafting(caller.Tenant, selection.JobDescriptionIds, targetName),
            $"{selection.JobDescriptionIds.Count} job descriptions", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The longest <c>updatedFrom</c>..<c>updatedTo</c> window of a drafting replay.</summary>
    public static readonly TimeSpan MaxDraftingWindow = TimeSpan.FromDays(92);

    private static string NewReplayId() => "rpl-" + Guid.NewGuid().ToString("N");

    private static string StatusUri(string replayId) => "/" + GetReplay.Template.Replace("{id}", replayId, StringComparison.Ordinal);

    /// <summary>202 with the replay's status and report addresses and its Location (a start, a repeated start, a cancel).</summary>
    private static IResult Accepted(HttpRequest request, ReplayRecord replay)
    {
        var location = StatusUri(replay.ReplayId);
        return Results.Json(new ReplayAccepted(replay.ReplayId, replay.Status, location, location + "/report", replay.Kind), ApiJson.Options, statusCode: StatusCodes.Status202Accepted)
            .WithLocation(request.HttpContext, location);
    }

    /// <summary>
    /// Creates the replay (or finds the unfinished one of the same work on the same target: a repeated or concurrent
    /// start, on this host or another, never pays for the model calls twice) and queues it; 202 either way. A tenant
    /// has at most <see cref="MaxUnfinishedReplays"/> unfinished replays (409 too-many-replays).
    /// </summary>
    private async Task<IResult> CreateAsync(HttpRequest request, CallerPrincipal caller, ReplayRecord replay, string startKey, string what, CancellationToken cancellationToken)
    {
        ReplayStart start;
        replay = replay with { StartKey = startKey };
        await StartGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var unfinished = (await replays.ListUnfinishedAsync(cancellationToken).ConfigureAwait(false))
                .Where(r => string.Equals(r.Tenant, caller.Tenant, StringComparison.Ordinal))
                .ToArray();
            if (unfinished.Length >= MaxUnfinishedReplays && !unfinished.Any(r => r.StartKey == startKey))
            {
                return ApiProblems.Conflict("too-many-replays",
                    $"Tenant '{caller.Tenant}' has {unfinished.Length} replays queued or running (at most {MaxUnfinishedReplays}): wait for one to finish (GET {GetReplay.Pattern}) before starting another.");
            }

            start = await replays.CreateAsync(replay, startKey, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            StartGate.Release();
        }

        var accepted = start.Replay;
        if (start.Created)
        {
            queue.Enqueue(accepted.ReplayId);
            LogStarted(logger, accepted.ReplayId, accepted.Kind, what, accepted.Target, caller.Name);
        }

        return Accepted(request, accepted);
    }

    /// <summary>The shape of a drafting selection: ids or a window, not both, not neither; ids well formed, distinct and few enough; a window in order and short enough.</summary>
    private static IEnumerable<string> CheckSelection(DraftingReplayRequest body, DateTimeOffset now)
    {
        var max = DraftingReplays.MaxJobDescriptions;
        if (body.JobDescriptionIds is not null && (body.UpdatedFrom is not null || body.UpdatedTo is not null))
        {
            yield return "jobDescriptionIds and updatedFrom/updatedTo are both given: choose the job descriptions either by id or by the window they were last updated in, not both.";
            yield break;
        }

        if (body.JobDescriptionIds is { } ids)
        {
            if (ids.Count is 0 || ids.Count > max)
            {
                yield return $"jobDescriptionIds has {ids.Count} ids: give 1-{max} (split a larger set into several replays).";
                yield break;
            }

            var invalid = ids.Where(id => !ResourceIds.IsValid(id)).Take(3).Select(id => id is null ? "null" : $"'{Short(id)}'").ToArray();
            if (invalid.Length > 0)
            {
                yield return $"jobDescriptionIds holds invalid ids ({string.Join(", ", invalid)}): each is a job description id, {ResourceIds.Rule}.";
                yield break;
            }

            var repeated = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"'{g.Key}'").Take(3).ToArray();
            if (repeated.Length > 0)
            {
                yield return $"jobDescriptionIds lists {string.Join(", ", repeated)} more than once: list each job description once.";
            }

            yield break;
        }

        if (body.UpdatedFrom is not { } from)
        {
            yield return body.UpdatedTo is null
                ? $"Choose the drafting requests to replay: jobDescriptionIds (1-{max} ids) or updatedFrom (ISO 8601; with updatedTo, default now) for the job descriptions last updated in that window."
                : "updatedTo is given without updatedFrom: give the window's start as updatedFrom (ISO 8601), or choose by jobDescriptionIds.";
            yield break;
        }

        var to = body.UpdatedTo ?? now;
        if (to <= from)
        {
            yield return $"updatedFrom ({from:O}) is not before updatedTo ({to:O}): give a window whose start is before its end.";
        }
        else if (to - from > MaxDraftingWindow)
        {
            yield return $"updatedFrom..updatedTo spans {(to - from).TotalDays:0.#} days: give at most {MaxDraftingWindow.TotalDays:0} days (replay a longer period as several replays).";
        }
    }

    /// <summary>The listed ids of the caller's tenant with their replayable version counts; every id not found is named.</summary>
    private async Task<(Dictionary<string, int> Ids, List<string> Errors)> ResolveIdsAsync(CallerPrincipal caller, IReadOnlyList<string> ids, ISet<string> primaries, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in ids)
        {
            var record = await store.GetJobDescriptionAsync(ResourceIds.Scope(caller.Tenant, id), cancellationToken).ConfigureAwait(false);
            if (record is null || !string.Equals(record.Tenant, caller.Tenant, StringComparison.Ordinal))
            {
                missing.Add(id);
            }
            else
            {
                found[id] = Replayable(record, primaries);
            }
        }

        var errors = new List<string>();
        if (missing.Count > 0)
        {
            errors.Add($"jobDescriptionIds: {missing.Count} of them ({string.Join(", ", missing.Take(5).Select(m => $"'{m}'"))}{(missing.Count > 5 ? ", …" : string.Empty)}) are not job descriptions of tenant '{caller.Tenant}': list your own (GET {ListingApi.ListJobDescriptionsRoute.Pattern}).");
        }
        else
        {
            errors.AddRange(NothingToReplay(found, "jobDescriptionIds"));
        }

        return (found, errors);
    }

    /// <summary>The tenant's job descriptions last updated in [from, to), at most MaxJobDescriptions (more is a 400 asking for a narrower window).</summary>
    private async Task<(Dictionary<string, int> Ids, List<string> Errors)> ResolveWindowAsync(CallerPrincipal caller, DateTimeOffset from, DateTimeOffset to, ISet<string> primaries, CancellationToken cancellationToken)
    {
        var max = DraftingReplays.MaxJobDescriptions;
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListJobDescriptionsAsync(new RecordQuery(caller.Tenant, UpdatedFrom: from, UpdatedTo: to, PageSize: RecordQuery.MaxPageSize, ContinuationToken: token), cancellationToken).ConfigureAwait(false);
            keys.AddRange(page.Items.Where(r => string.Equals(r.Tenant, caller.Tenant, StringComparison.Ordinal)).Select(r => r.JobDescriptionId));
            token = page.ContinuationToken;
        }
        while (token is not null && keys.Count <= max);

        if (keys.Count > max)
        {
            return ([], [$"updatedFrom..updatedTo ({from:O} to {to:O}) holds more than {max} job descriptions: narrow the window, or list up to {max} jobDescriptionIds."]);
        }

        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var id = ResourceIds.TryUnscope(key, out _, out var plain) ? plain : key;
            if (await store.GetJobDescriptionAsync(key, cancellationToken).ConfigureAwait(false) is { } record && string.Equals(record.Tenant, caller.Tenant, StringComparison.Ordinal))
            {
                found[id] = Replayable(record, primaries);
            }
        }

        var errors = found.Count == 0
            ? [$"updatedFrom..updatedTo ({from:O} to {to:O}) holds no job descriptions of tenant '{caller.Tenant}': widen the window or list jobDescriptionIds."]
            : NothingToReplay(found, "updatedFrom..updatedTo").ToList();
        return (found, errors);
    }

    /// <summary>How many of <paramref name="record"/>'s versions kept their request (are replayable); adds the "instance/model" they were drafted on to <paramref name="primaries"/>.</summary>
    private static int Replayable(JobDescriptionRecord record, ISet<string> primaries)
    {
        var replayable = record.Versions.Where(v => v.Request is not null).ToArray();
        foreach (var version in replayable)
        {
            primaries.Add($"{version.Provenance.ProviderInstance}/{version.Provenance.Model}");
        }

        return replayable.Length;
    }

    private static IEnumerable<string> NothingToReplay(Dictionary<string, int> found, string field)
    {
        if (found.Values.Sum() == 0)
        {
            yield return $"{field}: none of the {found.Count} job descriptions has a stored version that kept its drafting request (versions drafted before requests were kept cannot be replayed): choose job descriptions drafted since.";
        }
    }

    /// <summary>GET /api/migrations/replays/{id}: status and progress; 404 for an unknown id or another tenant's replay.</summary>
    public async Task<IResult> GetReplayAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (await FindAsync(caller, id, cancellationToken).ConfigureAwait(false) is not { } replay)
        {
            return ApiProblems.NotFound("replay", id);
        }

        var location = StatusUri(replay.ReplayId);
        return Results.Json(
            new ReplayStatusResponse(replay.ReplayId, replay.BatchId, replay.Target, replay.Function, replay.FunctionVersion, replay.Status,
                new ReplayProgress(replay.Done, replay.Total, replay.Failed), replay.RequestedBy, replay.CreatedAt, replay.UpdatedAt, replay.Error, location + "/report",
                replay.Kind, replay.Drafting is { } d ? new DraftingReplaySelection(d.JobDescriptionIds, d.AsOf, d.UpdatedFrom, d.UpdatedTo, d.NotFound, d.WithoutRequest) : null),
            ApiJson.Options);
    }

    /// <summary>
    /// POST /api/migrations/replays/{id}/cancel (either kind): stops the replay before its next model call. A replay no
    /// host is running (Queued, or its host gone) is Cancelled at once; one a host is running is stopped by that host
    /// before its next call (202 with the status as it is; poll the status). What was replayed is kept and reported (the
    /// report is marked incomplete). 404 for an unknown id or another tenant's replay; 409 <c>replay-ended</c> for a replay
    /// that has already ended.
    /// </summary>
    public async Task<IResult> CancelReplayAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (await FindAsync(caller, id, cancellationToken).ConfigureAwait(false) is not { } replay)
        {
            return ApiProblems.NotFound("replay", id);
        }

        if (replay.Status is ReplayStatus.Completed or ReplayStatus.Failed or ReplayStatus.Cancelled)
        {
            return ApiProblems.Conflict("replay-ended", $"Replay '{replay.ReplayId}' has already ended ({replay.Status}): there is nothing to cancel; read its report (GET {GetReplayReport.Pattern}).");
        }

        await replays.RequestCancelAsync(replay.ReplayId, cancellationToken).ConfigureAwait(false);
        var owner = "cancel/" + Guid.NewGuid().ToString("N");
        var now = _clock.GetUtcNow();
        if (await replays.TryClaimAsync(replay.ReplayId, owner, now, now + TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false))
        {
            // No host is running it: end it here, under the claim, so no host starts it meanwhile.
            try
            {
                var latest = await replays.GetAsync(replay.ReplayId, cancellationToken).ConfigureAwait(false) ?? replay;
                if (latest.Status is ReplayStatus.Queued or ReplayStatus.Running)
                {
                    replay = latest with { Status = ReplayStatus.Cancelled, UpdatedAt = _clock.GetUtcNow() };
                    await replays.SaveAsync(replay, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    replay = latest;
                }
            }
            finally
            {
                await replays.ReleaseAsync(replay.ReplayId, owner, CancellationToken.None).ConfigureAwait(false);
            }
        }

        LogCancelRequested(logger, replay.ReplayId, replay.Status, caller.Name);
        return Accepted(request, replay);
    }

    /// <summary>
    /// GET /api/migrations/replays/{id}/report[?format=markdown]: the comparison with the batch's stored results, each
    /// threshold with its measured value, and the verdict (never "safe" while the replay runs).
    /// </summary>
    public async Task<IResult> GetReplayReportAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (Format(request) is not { } format)
        {
            return ApiProblems.Validation([$"format '{ApiPaging.Cut(request.Query["format"].ToString())}' is not supported: use format=json (default) or format=markdown."]);
        }

        if (await FindAsync(caller, id, cancellationToken).ConfigureAwait(false) is not { } replay)
        {
            return ApiProblems.NotFound("replay", id);
        }

        if (replay.Kind == ReplayKind.Drafting)
        {
            return Render(await DraftingReportAsync(replay, cancellationToken).ConfigureAwait(false), format);
        }

        var batch = replay.BatchKey is null ? null : await store.GetBatchAsync(replay.BatchKey, includeProgress: false, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return ApiProblems.Conflict("batch-gone", $"Batch '{replay.BatchId}' of replay '{replay.ReplayId}' is no longer stored (erased or expired), so there is nothing to compare with.");
        }

        var results = await store.GetResultsAsync(replay.BatchKey!, cancellationToken).ConfigureAwait(false);
        var replayed = await replays.GetCandidatesAsync(replay.ReplayId, cancellationToken).ConfigureAwait(false);
        var categories = await store.GetSelfIdentifiedAsync(replay.BatchKey!, cancellationToken).ConfigureAwait(false);
        var comparison = MigrationComparer.Compare(ReplayComparisons.Pairs(batch, results, replayed, categories, function), batch: true);
        var primary = string.Join(", ", results.Where(r => r.Provenance is not null).Select(r => $"{r.Provenance!.ProviderInstance}/{r.Provenance.Model}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var report = MigrationReports.Build(
            "replay", replay.ReplayId, replay.BatchId, function.Route, primary.Length == 0 ? "none" : primary, replay.Target, _clock.GetUtcNow(),
            replay.Status == ReplayStatus.Completed, comparison, options.Value.Thresholds, incomplete: Incomplete(replay));
        return Render(report, format);
    }

    /// <summary>
    /// A drafting replay's report, from its own rows only (both sides' verdicts were recorded when each version was
    /// replayed): the drafting comparison, the candidate's side figures, and the verdict.
    /// </summary>
    private async Task<MigrationReport> DraftingReportAsync(ReplayRecord replay, CancellationToken cancellationToken)
    {
        var rows = (await replays.GetCandidatesAsync(replay.ReplayId, cancellationToken).ConfigureAwait(false)).Values.ToArray();
        var drafting = DraftingReplays.Compare(rows, replay.Target, replay.Drafting?.NotFound ?? 0, replay.Drafting?.WithoutRequest ?? 0);
        var comparison = MigrationComparer.Compare(ReplayComparisons.Pairs(rows), batch: false);
        return MigrationReports.Build(
            MigrationReports.DraftingReplayKind, replay.ReplayId, null, draftFunction.Route, drafting.Primary.Target, replay.Target, _clock.GetUtcNow(),
            replay.Status == ReplayStatus.Completed, comparison, options.Value.Thresholds, drafting, Incomplete(replay));
    }

    /// <summary>The verdict of a replay that ended without completing (null while it runs or once it completed).</summary>
    private static string? Incomplete(ReplayRecord replay) => replay.Status switch
    {
        ReplayStatus.Cancelled => $"Not safe to switch: the replay was cancelled after {replay.Done} of {replay.Total} items; the figures are partial. Start it again to compare everything.",
        ReplayStatus.Failed => $"Not safe to switch: the replay failed ({replay.Error}); the figures are partial.",
        _ => null,
    };

    /// <summary>
    /// GET /api/migrations/shadows/{route}/report[?format=markdown][&amp;since=ISO-8601]: the route's shadow pairs compared,
    /// the caller's tenant's pairs only, and only those whose shadow side ran on the route's current shadow target (after a
    /// run-time change of the shadow target, the earlier target's pairs are not reported as the new one's). At most
    /// <see cref="ShadowReportLimit"/> pairs; a report that reached the limit says it is incomplete.
    /// </summary>
    public async Task<IResult> GetShadowReportAsync(HttpRequest request, string route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (Format(request) is not { } format)
        {
            return ApiProblems.Validation([$"format '{ApiPaging.Cut(request.Query["format"].ToString())}' is not supported: use format=json (default) or format=markdown."]);
        }

        var errors = new List<string>();
        var since = ApiPaging.Timestamp(request, "since", errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var name = shadows.Routes.FirstOrDefault(r => string.Equals(r, route, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return ApiProblems.NotFound("route with a shadow target", route);
        }

        var statistics = shadows.Statistics(name);
        var listed = await shadowPairs.ListAsync(name, since, ShadowReportLimit, cancellationToken).ConfigureAwait(false);
        var pairs = listed
            .Where(p => string.Equals(p.Tenant, caller!.Tenant, StringComparison.Ordinal)
                && string.Equals(p.Shadow.Target, statistics.Target, StringComparison.OrdinalIgnoreCase))
            .ToArray();
        var comparison = MigrationComparer.Compare(ReplayComparisons.Pairs(pairs), batch: false);
        var primary = string.Join(", ", pairs.Select(p => p.Primary.Target).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var report = MigrationReports.Build("shadow", name, null, name, primary.Length == 0 ? "none yet" : primary, statistics.Target, _clock.GetUtcNow(),
            listed.Count < ShadowReportLimit, comparison, options.Value.Thresholds);
        return Render(report, format);
    }

    /// <summary>The most replays one tenant may have queued or running at once.</summary>
    public const int MaxUnfinishedReplays = 5;

    /// <summary>One start at a time on this host, so two concurrent starts of the same replay cannot both create one.</summary>
    private static readonly SemaphoreSlim StartGate = new(1, 1);

    /// <summary>The most shadow pairs one report reads.</summary>
    public const int ShadowReportLimit = 10_000;

    private static string? Format(HttpRequest request)
    {
        var format = request.Query["format"].ToString();
        return format.Length == 0 ? "json" : format is "json" or "markdown" ? format : null;
    }

    private static IResult Render(MigrationReport report, string format) =>
        format == "markdown"
            ? Results.Text(MigrationReports.ToMarkdown(report), "text/markdown; charset=utf-8")
            : Results.Json(report, ApiJson.Options);

    private async Task<ReplayRecord?> FindAsync(CallerPrincipal caller, string id, CancellationToken cancellationToken)
    {
        if (!ResourceIds.IsValid(id))
        {
            return null;
        }

        var replay = await replays.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return replay is not null && string.Equals(replay.Tenant, caller.Tenant, StringComparison.Ordinal) ? replay : null;
    }

    private IEnumerable<string> CheckTarget(ReplayTarget? target)
    {
        if (target is null || string.IsNullOrWhiteSpace(target.Provider) || string.IsNullOrWhiteSpace(target.Model))
        {
            yield return "target needs provider and model: the candidate provider instance (under AiFunctions:Providers) and a model it lists.";
            yield break;
        }

        var instance = registry.Instances.FirstOrDefault(i => string.Equals(i.Instance, target.Provider, StringComparison.OrdinalIgnoreCase));
        if (instance is null)
        {
            yield return $"target.provider '{Short(target.Provider)}' is not a configured provider instance: use one of {string.Join(", ", registry.Instances.Select(i => i.Instance).Order(StringComparer.Ordinal))}, or configure it under {AiKernelSections.Providers}.";
        }
        else if (!instance.Models.Contains(target.Model, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"target.model '{Short(target.Model)}' is not a model of provider instance '{instance.Instance}': use one of {string.Join(", ", instance.Models)}.";
        }
    }

    private RouteTargetOptions Canonical(RouteTargetOptions target)
    {
        var instance = registry.Instances.First(i => string.Equals(i.Instance, target.Provider, StringComparison.OrdinalIgnoreCase));
        return new RouteTargetOptions { Provider = instance.Instance, Model = instance.Models.First(m => string.Equals(m, target.Model, StringComparison.OrdinalIgnoreCase)) };
    }

    private static string Short(string value) => value.Length <= 64 ? value : value[..64] + "…";

    [LoggerMessage(2, LogLevel.Information, "Replay {ReplayId}: cancel requested by {Operator}; status now {Status}.")]
    private static partial void LogCancelRequested(ILogger logger, string replayId, ReplayStatus status, string @operator);

    [LoggerMessage(1, LogLevel.Information, "Replay {ReplayId} ({Kind}) of {What} on {Target} queued by {Operator}.")]
    private static partial void LogStarted(ILogger logger, string replayId, ReplayKind kind, string what, string target, string @operator);
}

/// <summary>Body of POST /api/migrations/replays. A property it does not have is a 400 naming it (read with
/// <see cref="ApiJson.KnownMembersOnly"/>), like every migration body: a misspelt field is never silently dropped.</summary>
/// <param name="BatchId">A screened batch of the caller's tenant.</param>
/// <param name="Target">The candidate target: a configured provider instance and a model it lists.</param>
public sealed record ReplayRequest(string? BatchId, ReplayTarget? Target);

/// <summary>A candidate target in a request.</summary>
public sealed record ReplayTarget(string? Provider, string? Model);

/// <summary>
/// Body of POST /api/migrations/drafting-replays: the drafting requests to replay (by id, or by a window) and the target.
/// A property it does not have (also inside <c>target</c>) is a 400 naming it: a misspelt <c>updatedTo</c> would
/// otherwise silently widen the window to now.
/// </summary>
/// <param name="JobDescriptionIds">1-200 distinct job description ids of the caller's tenant; or null to choose by window.</param>
/// <param name="UpdatedFrom">The window's start (ISO 8601; without an offset it is UTC): job descriptions last updated at or after it.</param>
/// <param name="UpdatedTo">The window's end (exclusive); default now. At most 92 days after <paramref name="UpdatedFrom"/>.</param>
/// <param name="Target">The candidate target: a configured provider instance and a model it lists.</param>
public sealed record DraftingReplayRequest(
    IReadOnlyList<string>? JobDescriptionIds,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(UtcAssumedDateTimeOffsetConverter))] DateTimeOffset? UpdatedFrom,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(UtcAssumedDateTimeOffsetConverter))] DateTimeOffset? UpdatedTo,
    ReplayTarget? Target);

/// <summary>202 answer of POST /api/migrations/replays and /api/migrations/drafting-replays.</summary>
public sealed record ReplayAccepted(string ReplayId, ReplayStatus Status, string StatusUri, string ReportUri, ReplayKind Kind = ReplayKind.Screening);

/// <summary>Answer of GET /api/migrations/replays/{id}.</summary>
/// <param name="BatchId">The replayed batch (screening replays; null for drafting).</param>
/// <param name="Drafting">What a drafting replay covers (drafting replays only).</param>
public sealed record ReplayStatusResponse(
    string ReplayId, string? BatchId, string Target, string Function, string FunctionVersion, ReplayStatus Status, ReplayProgress Progress,
    string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Error, string ReportUri,
    ReplayKind Kind = ReplayKind.Screening, DraftingReplaySelection? Drafting = null);

/// <summary>Items replayed (candidates of the batch, or stored draft versions) of the total, and how many of those the candidate target failed.</summary>
public sealed record ReplayProgress(int Done, int Total, int Failed = 0);

/// <summary>
/// A drafting replay's selection: the job description ids (fixed at the start), the instant after which drafted
/// versions are not part of it, the window they were chosen by (if any), and what could not be replayed.
/// </summary>
public sealed record DraftingReplaySelection(
    IReadOnlyList<string> JobDescriptionIds, DateTimeOffset AsOf, DateTimeOffset? UpdatedFrom, DateTimeOffset? UpdatedTo, int NotFound, int WithoutRequest);
