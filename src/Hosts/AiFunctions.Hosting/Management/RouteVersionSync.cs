using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Management;

/// <summary>
/// Polls the route version store (<see cref="IRouteVersionStore"/>) every <see cref="ManagementOptions.RouteSyncInterval"/>
/// and applies each route's newest version to this host (<see cref="RouteVersions"/>), starting at host start, so a change
/// accepted by another host — or before a restart — is in force here within one interval. Polling, not a push: it needs
/// nothing beyond the storage account both hosts already use, and costs one small query per route per interval. A
/// storage failure is logged and retried at the next tick; it never stops the host.
/// </summary>
public sealed partial class RouteVersionSync(
    IRouteVersionStore store,
    RouteVersions versions,
    IRouteOverrides overrides,
    IOptions<ManagementOptions> options,
    TimeProvider time,
    ILogger<RouteVersionSync> logger) : BackgroundService
{
    /// <summary>Reads and applies the newest version of every configured route once; returns how many were applied now.</summary>
    public async Task<int> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        foreach (var route in overrides.Routes)
        {
            if (await store.LatestAsync(route, cancellationToken).ConfigureAwait(false) is { } latest && versions.Apply(latest))
            {
                applied++;
            }
        }

        return applied;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RouteSyncInterval, time);
        do
        {
            try
            {
                await SyncOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(1, LogLevel.Warning, "Route versions could not be read ({ExceptionType}: {Message}); retrying at the next interval.")]
    private static partial void LogFailed(ILogger logger, string exceptionType, string message);
}
