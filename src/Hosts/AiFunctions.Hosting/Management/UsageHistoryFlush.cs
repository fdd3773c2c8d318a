using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Management;

/// <summary>
/// Writes this host's changed usage buckets (<see cref="UsageHistory"/>) to <see cref="IUsageHistoryStore"/> every
/// <see cref="ManagementOptions.UsageFlushInterval"/> and once more when the host stops, so other hosts and a restarted
/// host see it. A failed write is logged and retried at the next interval; a crash loses at most one interval of this
/// host's history (the kernel's budgets and totals are not affected: they are kept by the kernel).
/// </summary>
public sealed partial class UsageHistoryFlush(
    UsageHistory history, IUsageHistoryStore store, IOptions<ManagementOptions> options, TimeProvider time, ILogger<UsageHistoryFlush> logger) : BackgroundService
{
    /// <summary>Writes what changed since the last flush; returns how many buckets were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var changed = history.TakeChanged();
        if (changed.Count == 0)
        {
            return 0;
        }

        try
        {
            await store.WriteAsync(changed, cancellationToken).ConfigureAwait(false);
            return changed.Count;
        }
        catch
        {
            history.Unwritten(changed);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UsageFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await TryFlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: the final flush runs in StopAsync
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await TryFlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task TryFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Usage history could not be written ({ExceptionType}); retrying at the next interval.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
