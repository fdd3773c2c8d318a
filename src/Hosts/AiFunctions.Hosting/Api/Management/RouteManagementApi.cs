using System.Globalization;
using System.Text.RegularExpressions;
using AiFunctions.Hosting.Management;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Api.Management;

/// <summary>
/// Routes changed at run time, versioned: list, read, change (<c>PUT</c>, the body being the route's settings in the shape
/// of configuration <c>AiFunctions:Routes:{route}</c>), history and rollback. A change is checked by the kernel's
/// start-up route validation (<see cref="IRouteOverrides.Validate"/>: 400 naming the field and the fix), stored as the
/// next version with who (the signed-in principal), when, before, after and an optional reason
/// (<see cref="IRouteVersionStore"/>; the version is an atomic insert, so of two concurrent changes one wins and the other
/// gets 409), and applied to this host's kernel for the next call; other hosts apply it within
/// <see cref="ManagementOptions.RouteSyncInterval"/> (<see cref="RouteVersionSync"/>). <c>If-Match: "{version}"</c> (or
/// <c>?expectedVersion=</c>) makes the change conditional: 412 naming the current version when another change came first.
/// Routes are deployment-wide (an operator operates the whole deployment), not a tenant's. Host-agnostic.
/// </summary>
public sealed partial class RouteManagementApi(
    IRouteOverrides overrides,
    IRouteVersionStore store,
    RouteVersions versions,
    TimeProvider time,
    IOptions<RateLimitOptions> limits,
    ITargetHealth? health = null)
{
    /// <summary>Longest accepted reason.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>
    /// Most targets (and shadow function settings) a route change may carry. The start-up validation binds the settings
    /// as configuration, which costs time growing with the square of a collection's size: a body of thousands of
    /// targets would hold a request for minutes, so it is refused before validation.
    /// </summary>
    public const int MaxTargets = 32;

    private const string ConfigurationToken = "configuration";

    /// <summary>
    /// A route body: unknown properties refused, and <c>null</c> refused where the settings do not allow one (a list or
    /// section set to null would pass the configuration-shaped validation as "absent" and then break the route's build).
    /// </summary>
    private static readonly System.Text.Json.JsonSerializerOptions RouteBody = new(ApiJson.KnownMembersOnly) { RespectNullableAnnotations = true };

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var routes = new List<ManagedRoute>();
        foreach (var route in overrides.Routes)
        {
            routes.Add(await DescribeAsync(route, cancellationToken).ConfigureAwait(false));
        }

        return Results.Json(new ManagedRouteList(routes), ApiJson.Options);
    }

    public async Task<IResult> GetAsync(HttpRequest request, string route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Canonical(route) is not { } name)
        {
            return UnknownRoute(route);
        }

        var described = await DescribeAsync(name, cancellationToken).ConfigureAwait(false);
        request.HttpContext.Response.Headers.ETag = ETag(described.Version);
        return Results.Json(described, ApiJson.Options);
    }

    public async Task<IResult> ListVersionsAsync(HttpRequest request, string route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Canonical(route) is not { } name)
        {
            return UnknownRoute(route);
        }

        var pageSize = 50;
        if (request.Query["pageSize"].ToString() is { Length: > 0 } size &&
            (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 200))
        {
            return ApiProblems.Validation([$"pageSize '{Cut(size)}' is out of range: use 1 to 200."]);
        }

        var token = request.Query["continuationToken"].ToString() is { Length: > 0 } t ? t : null;
        var items = new List<RouteVersion>();
        string? next = null;
        if (token != ConfigurationToken)
        {
            RouteVersionPage page;
            try
            {
                page = await store.ListAsync(name, pageSize, token, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex) when (ex.ParamName == "continuationToken")
            {
                return ListingApi.BadToken();
            }

            items.AddRange(page.Items.Select(ToVersion));
            next = page.ContinuationToken;
        }

        if (next is null)
        {
            // Version 0 closes the history: on this page when it has room, else on a page of its own.
            if (items.Count < pageSize)
            {
                items.Add(new RouteVersion(name, 0, RouteVersionKind.Configuration, ConfigurationToken, null, null, null, null, overrides.Baseline(name)));
            }
            else
            {
                next = ConfigurationToken;
            }
        }

        return Results.Json(new RouteVersionList(items, next, NextUri(request, next)), ApiJson.Options);
    }

    public async Task<IResult> ChangeAsync(HttpRequest request, string route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (Canonical(route) is not { } name)
        {
            return UnknownRoute(route);
        }

        var (settings, bad) = await ApiJson.ReadAsync<RouteOptions>(request, cancellationToken, RouteBody).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        var reason = request.Query["reason"].ToString() is { Length: > 0 } r ? r : null;
        return await CommitAsync(request, caller.Name, name, settings!, reason, rolledBackTo: null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IResult> RollbackAsync(HttpRequest request, string route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return unauthorized!;
        }

        if (Canonical(route) is not { } name)
        {
            return UnknownRoute(route);
        }

        var (body, bad) = await ApiJson.ReadAsync<RouteRollbackRequest>(request, cancellationToken, ApiJson.KnownMembersOnly).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad;
        }

        var latest = await store.LatestAsync(name, cancellationToken).ConfigureAwait(false);
        var current = latest?.Version ?? 0;
        if (body!.ToVersion is not { } to)
        {
            return ApiProblems.Validation([$"toVersion is missing: name the version to restore, 0 (the configuration) to {current}."]);
        }

        if (to == current)
        {
            return ApiProblems.Validation([current == 0
                ? $"toVersion 0 is the version route '{name}' runs now (its configuration; it was never changed): there is nothing to roll back."
                : $"toVersion {to} is the version route '{name}' runs now: there is nothing to roll back to; name an earlier version, 0 (the configuration) to {current - 1}."]);
        }

        RouteOptions settings;
        if (to == 0)
        {
            settings = overrides.Baseline(name);
        }
        else if (to > 0 && to <= current && await store.GetAsync(name, to, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            settings = RouteVersions.Read(earlier.After);
        }
        else
        {
            return ApiProblems.Validation([$"toVersion {to} is not a version of route '{name}': use 0 (the configuration) to {current}."]);
        }

        return await CommitAsync(request, caller.Name, name, settings, body.Reason, to, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates, checks the expected version, stores the next version and applies it here.</summary>
    private async Task<IResult> CommitAsync(HttpRequest request, string by, string name, RouteOptions settings, string? reason, int? rolledBackTo, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (reason is not null && (reason.Length > MaxReasonLength || reason.Any(char.IsControl)))
        {
            errors.Add($"reason is longer than {MaxReasonLength} characters or holds control characters: shorten it to one line of at most {MaxReasonLength}.");
        }

        if (settings.Targets.Count > MaxTargets || settings.Shadow?.Functions.Count > MaxTargets)
        {
            return ApiProblems.Validation([$"targets holds {settings.Targets.Count} entries and shadow.functions {settings.Shadow?.Functions.Count ?? 0}: a route takes at most {MaxTargets} of each; send the targets the route should try, in order."]);
        }

        if (settings.Targets.Any(t => t is null))
        {
            errors.Add("targets holds a null entry: give every target a provider and a model, or remove the entry.");
        }
        else if (settings.Shadow?.Functions.FirstOrDefault(f => f.Value is null).Key is { } function)
        {
            errors.Add($"shadow.functions.{Cut(function)} is null: give it a sampleRate, or remove the entry.");
        }
        else
        {
            errors.AddRange(overrides.Validate(name, settings).Select(p => ToBodyPath(name, p)));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        if (ExpectedVersion(request, out var expectedProblem) is var expected && expectedProblem is not null)
        {
            return expectedProblem;
        }

        var latest = await store.LatestAsync(name, cancellationToken).ConfigureAwait(false);
        var current = latest?.Version ?? 0;
        if (expected is { } wanted && wanted != current)
        {
            return VersionProblem(StatusCodes.Status412PreconditionFailed, "version-mismatch", name, current,
                $"route '{name}' is at version {current}, not {wanted}: someone changed it since you read it. Read it again (GET /api/manage/routes/{name}) and send your change with If-Match: \"{current}\".");
        }

        var before = latest is null ? RouteVersions.Write(overrides.Baseline(name)) : latest.After;
        var record = new RouteVersionRecord(name, current + 1, before, RouteVersions.Write(settings), by, time.GetUtcNow(), reason, rolledBackTo);
        if (!await store.TryAddAsync(record, cancellationToken).ConfigureAwait(false))
        {
            var now = (await store.LatestAsync(name, cancellationToken).ConfigureAwait(false))?.Version ?? current + 1;
            return VersionProblem(StatusCodes.Status409Conflict, "version-conflict", name, now,
                $"another change of route '{name}' was accepted at the same moment and is now version {now}; yours was not stored. Read the route again and repeat your change if it is still wanted.");
        }

        versions.Apply(record);
        request.HttpContext.Response.Headers.ETag = ETag(record.Version);
        return Results.Json(ToVersion(record), ApiJson.Options);
    }

    private async Task<ManagedRoute> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        var latest = await store.LatestAsync(name, cancellationToken).ConfigureAwait(false);
        var settings = latest is null ? overrides.Baseline(name) : RouteVersions.Read(latest.After);
        var targets = settings.Targets.Where(t => t is not null).Select(t =>
        {
            var key = $"{t.Provider}/{t.Model}";
            var state = health?.Get(t.Provider, t.Model);
            var rule = limits.Value.Targets.TryGetValue(key, out var own) ? own : limits.Value.Targets.GetValueOrDefault(t.Provider);
            return new ManagedRouteTarget(key, t.Provider, t.Model, t.Weight, (state?.State ?? TargetCircuitState.Closed).ToString(), state?.LastFailure, rule?.RequestsPerMinute, rule?.TokensPerMinute);
        }).ToList();
        return new ManagedRoute(
            name, latest?.Version ?? 0, versions.Applied(name), latest?.ChangedBy ?? ConfigurationToken, latest?.ChangedAt, latest?.Reason,
            settings, targets, "/" + ManagementRoutes.ListRouteVersions.Template.Replace("{route}", Uri.EscapeDataString(name), StringComparison.Ordinal));
    }

    internal static RouteVersion ToVersion(RouteVersionRecord record) => new(
        record.Route, record.Version, record.RolledBackTo is null ? RouteVersionKind.Change : RouteVersionKind.Rollback,
        record.ChangedBy, record.ChangedAt, record.Reason, record.RolledBackTo, RouteVersions.Read(record.Before), RouteVersions.Read(record.After));

    /// <summary>The expected version from If-Match (<c>"3"</c>, <c>W/"3"</c>) or <c>?expectedVersion=3</c>; null when neither is sent.</summary>
    private static int? ExpectedVersion(HttpRequest request, out IResult? problem)
    {
        problem = null;
        var ifMatch = request.Headers.IfMatch.ToString();
        var query = request.Query["expectedVersion"].ToString();
        var text = ifMatch.Length > 0 ? ifMatch.Trim() : query.Length > 0 ? query : null;
        if (text is null || text == "*")
        {
            return null;
        }

        var bare = text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
        if (int.TryParse(bare.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        problem = ApiProblems.Validation([$"{(ifMatch.Length > 0 ? "If-Match" : "expectedVersion")} '{Cut(text)}' is not a route version: send the ETag of GET /api/manage/routes/{{route}}, e.g. If-Match: \"3\"."]);
        return null;
    }

    private static IResult VersionProblem(int status, string kind, string route, int current, string detail) =>
        ApiProblems.Problem(status, kind, status == StatusCodes.Status412PreconditionFailed ? "The route has changed since it was read" : "Another change came first",
            detail, new Dictionary<string, object?> { ["route"] = route, ["currentVersion"] = current });

    private string? Canonical(string route) => overrides.Routes.FirstOrDefault(r => string.Equals(r, route, StringComparison.OrdinalIgnoreCase));

    private IResult UnknownRoute(string route) => ApiProblems.Problem(StatusCodes.Status404NotFound, "not-found", "Unknown route",
        $"There is no configured route '{Cut(route)}'. Routes are created in configuration (AiFunctions:Routes); change one of: {string.Join(", ", overrides.Routes)}.");

    private static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>
    /// The start-up message names the setting (<c>'AiFunctions:Routes:screening:Targets:0:Weight'</c>); the body has the
    /// same shape, so the field is named as the body spells it (<c>'targets[0].weight'</c>).
    /// </summary>
    internal static string ToBodyPath(string route, string message) =>
        SettingPath().Replace(message, m =>
        {
            if (!m.Groups["route"].Value.Equals(route, StringComparison.OrdinalIgnoreCase))
            {
                return m.Value;
            }

            var field = string.Concat(m.Groups["rest"].Value.Split(':', StringSplitOptions.RemoveEmptyEntries).Select((s, i) =>
                int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{s}]" : (i == 0 ? string.Empty : ".") + char.ToLowerInvariant(s[0]) + s[1..]));
            return field.Length == 0 ? "the body" : field;
        });

    private static string? NextUri(HttpRequest request, string? token) => ApiPaging.NextUri(request, token);

    private static string Cut(string text) => ApiPaging.Cut(text);

    [GeneratedRegex(@"AiFunctions:Routes:(?<route>[^:'\s]+)(?<rest>(?::[A-Za-z0-9_]+)*)")]
    private static partial Regex SettingPath();
}
