using AiFunctions.Kernel.Routing;

namespace AiFunctions.Hosting.Api.Management;

/// <summary>Answer of <c>GET /api/manage/routes</c>: every configured route, in name order.</summary>
public sealed record ManagedRouteList(IReadOnlyList<ManagedRoute> Routes);

/// <summary>
/// One route as it is now. <see cref="Settings"/> has the shape of configuration <c>AiFunctions:Routes:{route}</c>
/// (camelCase; time spans as <c>hh:mm:ss[.fff]</c>) and is what <c>PUT /api/manage/routes/{route}</c> takes.
/// </summary>
/// <param name="Route">The route's configured name.</param>
/// <param name="Version">The newest version (0 = the configuration, never changed at run time); also the ETag, <c>"{version}"</c>.</param>
/// <param name="AppliedVersion">The version this host's kernel runs now; below <see cref="Version"/> only until this host's next sync (AiFunctions:Management:RouteSyncInterval), or when the stored settings do not validate on this host.</param>
/// <param name="ChangedBy">Who made <see cref="Version"/> (the principal's name; "configuration" for version 0).</param>
/// <param name="ChangedAt">When (null for version 0).</param>
/// <param name="Reason">The reason given with the change, if any.</param>
/// <param name="Settings">The settings of <see cref="Version"/>.</param>
/// <param name="Targets">The targets of <see cref="Settings"/> with circuit state and rate limits.</param>
/// <param name="VersionsUri">Where the version history is.</param>
public sealed record ManagedRoute(
    string Route, int Version, int AppliedVersion, string ChangedBy, DateTimeOffset? ChangedAt, string? Reason,
    RouteOptions Settings, IReadOnlyList<ManagedRouteTarget> Targets, string VersionsUri);

/// <summary>
/// One target of a route with what the console shows beside it.
/// </summary>
/// <param name="Target"><c>instance/model</c>: the circuit, rate-limit and accounting key.</param>
/// <param name="Circuit">Closed, Open, HalfOpen or Isolated (the kernel's circuit breaker, shared by every route using the target).</param>
/// <param name="LastFailure">Failure kind and status of the last handled failure (never prompt or answer text).</param>
/// <param name="RequestsPerMinute">The target's configured request limit (AiFunctions:RateLimits:Targets), if any.</param>
/// <param name="TokensPerMinute">The target's configured token limit, if any.</param>
public sealed record ManagedRouteTarget(string Target, string Provider, string Model, int Weight, string Circuit, string? LastFailure, int? RequestsPerMinute, int? TokensPerMinute);

/// <summary>What made a route version.</summary>
public enum RouteVersionKind
{
    /// <summary>Version 0: the settings from configuration.</summary>
    Configuration,

    /// <summary>A <c>PUT /api/manage/routes/{route}</c>.</summary>
    Change,

    /// <summary>A <c>POST /api/manage/routes/{route}/rollback</c>: the settings of <see cref="RouteVersion.RolledBackTo"/>.</summary>
    Rollback,
}

/// <summary>
/// One version of a route: who changed it, when, why, and the settings before and after (the route-change audit record).
/// Answer of a change and of a rollback (with ETag <c>"{version}"</c>).
/// </summary>
/// <param name="Version">0 = configuration; 1, 2, … in the order changes were accepted.</param>
/// <param name="ChangedBy">The principal's name; "configuration" for version 0.</param>
/// <param name="ChangedAt">When the change was accepted (UTC); null for version 0.</param>
/// <param name="RolledBackTo">For a rollback: the version whose settings were restored.</param>
/// <param name="Before">The settings this version replaced (null for version 0).</param>
/// <param name="After">The settings of this version.</param>
public sealed record RouteVersion(
    string Route, int Version, RouteVersionKind Kind, string ChangedBy, DateTimeOffset? ChangedAt, string? Reason, int? RolledBackTo,
    RouteOptions? Before, RouteOptions After);

/// <summary>Answer of <c>GET /api/manage/routes/{route}/versions</c>: one page, newest first; version 0 comes last.</summary>
public sealed record RouteVersionList(IReadOnlyList<RouteVersion> Items, string? ContinuationToken, string? NextUri);

/// <summary>Body of <c>POST /api/manage/routes/{route}/rollback</c>.</summary>
/// <param name="ToVersion">Required: the version whose settings become the route's again (0 = the configuration).</param>
/// <param name="Reason">Why (optional, at most 500 characters), recorded with the new version.</param>
public sealed record RouteRollbackRequest(int? ToVersion, string? Reason = null);
