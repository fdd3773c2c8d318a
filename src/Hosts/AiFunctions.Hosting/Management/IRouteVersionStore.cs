namespace AiFunctions.Hosting.Management;

/// <summary>
/// Where run-time route changes are kept, shared by every host of a deployment: Table storage
/// (<see cref="TableRouteVersionStore"/>), or in memory for tests (<see cref="InMemoryRouteVersionStore"/>). Versions are
/// append-only; a new version is an atomic insert, so two hosts accepting a change of the same version at once get one
/// winner and one <c>false</c>.
/// </summary>
public interface IRouteVersionStore
{
    /// <summary>The newest stored version of <paramref name="route"/>, or null when it was never changed (version 0 applies).</summary>
    Task<RouteVersionRecord?> LatestAsync(string route, CancellationToken cancellationToken = default);

    /// <summary>One stored version, or null.</summary>
    Task<RouteVersionRecord?> GetAsync(string route, int version, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the route's stored versions, newest first; <paramref name="continuationToken"/> from the previous page.
    /// A token the store did not issue reads a page of this route or is an <see cref="ArgumentException"/> with
    /// <see cref="ArgumentException.ParamName"/> <c>continuationToken</c>; never another route's versions.
    /// </summary>
    Task<RouteVersionPage> ListAsync(string route, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="record"/> if its version is not taken yet; false when another change took that version first.</summary>
    Task<bool> TryAddAsync(RouteVersionRecord record, CancellationToken cancellationToken = default);
}
