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
/// screening batch on a candidate target, follow its progress, read its report (JSON or Markdown) with the
/// safe-to-switch verdict, and read a route's shadow report. A replay writes only to the replay store; the batch's
/// results are never touched. Logs ids, counts and targets only.
/// </summary>
public sealed partial class MigrationApi(
    IScreeningStore store,
    IReplayStore replays,
    ReplayQueue queue,
    IProviderRegistry registry,
    IShadowPairStore shadowPairs,
    IShadowMonitor shadows,
    ResumeScreeningFunction function,
    IOptions<MigrationOptions> options,
    ILogger<MigrationApi> logger,
    TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The migration routes, in documentation order (part of <see cref="ApiRoutes.All"/>).</summary>
    public static ApiRoute StartReplay { get; } = new("StartMigrationReplay", "POST", "api/migrations/replays", ApiPolicies.Operator);

    public static ApiRoute GetReplay { get; } = new("GetMigrationReplay", "GET", "api/migrations/replays/{id}", ApiPolicies.Operator);

    public static ApiRoute GetReplayReport { get; } = new("GetMigrationReplayReport", "GET", "api/migrations/replays/{id}/report", ApiPolicies.Operator);

    public static ApiRoute GetShadowReport { get; } = new("GetMigrationShadowReport", "GET", "api/migrations/shadows/{route}/report", ApiPolicies.Operator);

    public static IReadOnlyList<ApiRoute> Routes { get; } = [StartReplay, GetReplay, GetReplayReport, GetShadowReport];

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

        var (body, problem) = await ApiJson.ReadAsync<ReplayRequest>(request, cancellationToken).ConfigureAwait(false);
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
        ReplayRecord replay;
        await StartGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The same batch on the same target while a replay of it is unfinished is that replay (a repeated or concurrent
            // start never pays for the same model calls twice); and a tenant has at most MaxUnfinishedReplays at once.
            var unfinished = (await replays.ListUnfinishedAsync(cancellationToken).ConfigureAwait(false))
                .Where(r => string.Equals(r.Tenant, caller.Tenant, StringComparison.Ordinal))
                .ToArray();
            if (unfinished.FirstOrDefault(r => r.BatchKey == key && string.Equals(r.Target, targetName, StringComparison.OrdinalIgnoreCase)) is { } running)
            {
                var existing = "/" + GetReplay.Template.Replace("{id}", running.ReplayId, StringComparison.Ordinal);
                return Results.Json(new ReplayAccepted(running.ReplayId, running.Status, existing, existing + "/report"), ApiJson.Options, statusCode: StatusCodes.Status202Accepted)
                    .WithLocation(request.HttpContext, existing);
            }

            if (unfinished.Length >= MaxUnfinishedReplays)
            {
                return ApiProblems.Conflict("too-many-replays",
                    $"Tenant '{caller.Tenant}' has {unfinished.Length} replays queued or running (at most {MaxUnfinishedReplays}): wait for one to finish (GET {GetReplay.Pattern}) before starting another.");
            }

            replay = new ReplayRecord(
                "rpl-" + Guid.NewGuid().ToString("N"), caller.Tenant, body.BatchId!, key, targetName,
                function.Name, function.Version, caller.Name, ReplayStatus.Queued, batch.Total, 0, now, now);
            await replays.SaveAsync(replay, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            StartGate.Release();
        }

        queue.Enqueue(replay.ReplayId);
        LogStarted(logger, replay.ReplayId, body.BatchId!, replay.Target, caller.Name);
        var location = "/" + GetReplay.Template.Replace("{id}", replay.ReplayId, StringComparison.Ordinal);
        return Results.Json(new ReplayAccepted(replay.ReplayId, replay.Status, location, location + "/report"), ApiJson.Options, statusCode: StatusCodes.Status202Accepted)
            .WithLocation(request.HttpContext, location);
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

        var location = "/" + GetReplay.Template.Replace("{id}", replay.ReplayId, StringComparison.Ordinal);
        return Results.Json(
            new ReplayStatusResponse(replay.ReplayId, replay.BatchId, replay.Target, replay.Function, replay.FunctionVersion, replay.Status,
                new ReplayProgress(replay.Done, replay.Total), replay.RequestedBy, replay.CreatedAt, replay.UpdatedAt, replay.Error, location + "/report"),
            ApiJson.Options);
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
            return ApiProblems.Validation([$"format '{request.Query["format"]}' is not supported: use format=json (default) or format=markdown."]);
        }

        if (await FindAsync(caller, id, cancellationToken).ConfigureAwait(false) is not { } replay)
        {
            return ApiProblems.NotFound("replay", id);
        }

        var batch = await store.GetBatchAsync(replay.BatchKey, includeProgress: false, cancellationToken).ConfigureAwait(false);
        if (batch is null)
        {
            return ApiProblems.Conflict("batch-gone", $"Batch '{replay.BatchId}' of replay '{replay.ReplayId}' is no longer stored (erased or expired), so there is nothing to compare with.");
        }

        var results = await store.GetResultsAsync(replay.BatchKey, cancellationToken).ConfigureAwait(false);
        var replayed = await replays.GetCandidatesAsync(replay.ReplayId, cancellationToken).ConfigureAwait(false);
        var categories = await store.GetSelfIdentifiedAsync(replay.BatchKey, cancellationToken).ConfigureAwait(false);
        var comparison = MigrationComparer.Compare(ReplayComparisons.Pairs(batch, results, replayed, categories, function), batch: true);
        var primary = string.Join(", ", results.Where(r => r.Provenance is not null).Select(r => $"{r.Provenance!.ProviderInstance}/{r.Provenance.Model}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var report = MigrationReports.Build(
            "replay", replay.ReplayId, replay.BatchId, function.Route, primary.Length == 0 ? "none" : primary, replay.Target, _clock.GetUtcNow(),
            replay.Status == ReplayStatus.Completed, comparison, options.Value.Thresholds);
        return Render(report, format);
    }

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
            return ApiProblems.Validation([$"format '{request.Query["format"]}' is not supported: use format=json (default) or format=markdown."]);
        }

        DateTimeOffset? since = null;
        var sinceText = request.Query["since"].ToString();
        if (sinceText.Length > 0)
        {
            if (!DateTimeOffset.TryParse(sinceText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return ApiProblems.Validation([$"since '{sinceText}' is not a date and time: use ISO 8601, e.g. 2026-11-30T00:00:00Z."]);
            }

            since = parsed;
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

    [LoggerMessage(1, LogLevel.Information, "Replay {ReplayId} of batch {BatchId} on {Target} queued by {Operator}.")]
    private static partial void LogStarted(ILogger logger, string replayId, string batchId, string target, string @operator);
}

/// <summary>Body of POST /api/migrations/replays.</summary>
/// <param name="BatchId">A screened batch of the caller's tenant.</param>
/// <param name="Target">The candidate target: a configured provider instance and a model it lists.</param>
public sealed record ReplayRequest(string? BatchId, ReplayTarget? Target);

/// <summary>A candidate target in a request.</summary>
public sealed record ReplayTarget(string? Provider, string? Model);

/// <summary>202 answer of POST /api/migrations/replays.</summary>
public sealed record ReplayAccepted(string ReplayId, ReplayStatus Status, string StatusUri, string ReportUri);

/// <summary>Answer of GET /api/migrations/replays/{id}.</summary>
public sealed record ReplayStatusResponse(
    string ReplayId, string BatchId, string Target, string Function, string FunctionVersion, ReplayStatus Status, ReplayProgress Progress,
    string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Error, string ReportUri);

/// <summary>Candidates replayed of the batch's total.</summary>
public sealed record ReplayProgress(int Done, int Total);
