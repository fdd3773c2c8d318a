using System.Text.Json;
using AiFunctions.Hosting.Api;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Hosting.Management;

/// <summary>
/// Applies stored route versions to this host's kernel (<see cref="IRouteOverrides"/>), never going back to an older
/// version than one already applied: the host that accepted a change applies it at once, and
/// <see cref="RouteVersionSync"/> applies what other hosts stored. A stored version that no longer validates against this
/// host's configuration (e.g. its provider instance was removed) is not applied: the route keeps what it has, and a
/// warning names the route and the problems.
/// </summary>
public sealed partial class RouteVersions(IRouteOverrides overrides, ILogger<RouteVersions> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _applied = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The version applied on this host (0 = configuration).</summary>
    public int Applied(string route)
    {
        lock (_gate)
        {
            return _applied.TryGetValue(route, out var version) ? version : 0;
        }
    }

    /// <summary>Applies <paramref name="record"/> unless a newer or equal version is applied already; true when applied now.</summary>
    public bool Apply(RouteVersionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (Applied(record.Route) >= record.Version)
            {
                return false;
            }

            RouteOptions settings;
            try
            {
                settings = Read(record.After);
                overrides.Apply(record.Route, settings);
            }
            catch (Exception ex) when (ex is AiKernelConfigurationException or JsonException)
            {
                LogNotApplied(logger, record.Route, record.Version, ex.Message);
                _applied[record.Route] = record.Version; // do not retry the same version on every poll
                return false;
            }

            _applied[record.Route] = record.Version;
            LogApplied(logger, record.Route, record.Version);
            return true;
        }
    }

    /// <summary>Route settings from their stored JSON (the API's JSON conventions).</summary>
    public static RouteOptions Read(string json) =>
        JsonSerializer.Deserialize<RouteOptions>(json, ApiJson.Options) ?? throw new JsonException("The stored route settings are null.");

    /// <summary>Route settings as stored.</summary>
    public static string Write(RouteOptions settings) => JsonSerializer.Serialize(settings, ApiJson.Options);

    [LoggerMessage(1, LogLevel.Information, "Route {Route}: version {Version} applied.")]
    private static partial void LogApplied(ILogger logger, string route, int version);

    [LoggerMessage(2, LogLevel.Warning, "Route {Route}: stored version {Version} does not validate on this host and was not applied: {Problems}")]
    private static partial void LogNotApplied(ILogger logger, string route, int version, string problems);
}
