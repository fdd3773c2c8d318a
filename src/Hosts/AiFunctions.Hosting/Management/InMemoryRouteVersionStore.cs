using System.Globalization;

namespace AiFunctions.Hosting.Management;

/// <summary><see cref="IRouteVersionStore"/> in process (tests and the in-memory backend only: changes are lost on exit).</summary>
public sealed class InMemoryRouteVersionStore : IRouteVersionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedList<int, RouteVersionRecord>> _routes = new(StringComparer.OrdinalIgnoreCase);

    public Task<RouteVersionRecord?> LatestAsync(string route, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_routes.TryGetValue(route, out var versions) && versions.Count > 0 ? versions.Values[^1] : null);
        }
    }

    public Task<RouteVersionRecord?> GetAsync(string route, int version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_routes.TryGetValue(route, out var versions) && versions.TryGetValue(version, out var record) ? record : null);
        }
    }

    public Task<RouteVersionPage> ListAsync(string route, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var below = int.TryParse(continuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out var token) ? token : int.MaxValue;
        lock (_gate)
        {
            if (!_routes.TryGetValue(route, out var versions))
            {
                return Task.FromResult(new RouteVersionPage([], null));
            }

            var items = versions.Values.Where(v => v.Version < below).Reverse().Take(pageSize + 1).ToList();
            var more = items.Count > pageSize;
            if (more)
            {
                items.RemoveAt(pageSize);
            }

            return Task.FromResult(new RouteVersionPage(items, more ? items[^1].Version.ToString(CultureInfo.InvariantCulture) : null));
        }
    }

    public Task<bool> TryAddAsync(RouteVersionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (!_routes.TryGetValue(record.Route, out var versions))
            {
                _routes[record.Route] = versions = [];
            }

            return Task.FromResult(versions.TryAdd(record.Version, record));
        }
    }
}
