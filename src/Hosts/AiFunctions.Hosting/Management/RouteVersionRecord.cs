namespace AiFunctions.Hosting.Management;

/// <summary>
/// One stored version of a route's settings (version 1 and up; version 0 is the configuration and is never stored).
/// <see cref="After"/> is the complete settings in the shape of <c>AiFunctions:Routes:{route}</c> as JSON
/// (<see cref="Api.ApiJson"/> conventions); <see cref="Before"/> the settings it replaced.
/// </summary>
/// <param name="Route">The route's configured name.</param>
/// <param name="Version">1, 2, … in the order the changes were accepted; each number is taken once (an atomic insert).</param>
/// <param name="ChangedBy">The signed-in principal's name (<c>ClaimTypes.Name</c>).</param>
/// <param name="ChangedAt">When the change was accepted (UTC).</param>
/// <param name="Reason">Why, as the operator wrote it (optional, at most 500 characters).</param>
/// <param name="RolledBackTo">For a rollback, the version whose settings this version restores.</param>
public sealed record RouteVersionRecord(
    string Route, int Version, string Before, string After, string ChangedBy, DateTimeOffset ChangedAt, string? Reason, int? RolledBackTo);

/// <summary>One page of a route's versions, newest first.</summary>
public sealed record RouteVersionPage(IReadOnlyList<RouteVersionRecord> Items, string? ContinuationToken);
