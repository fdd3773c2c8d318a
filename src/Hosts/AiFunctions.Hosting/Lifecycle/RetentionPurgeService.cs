using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Lifecycle;

/// <summary>
/// The standalone host's retention schedule: when any <see cref="RetentionOptions"/> period is set, runs
/// <see cref="RetentionPurge"/> at start-up and then every <see cref="RetentionOptions.Interval"/> (on the registered
/// <see cref="TimeProvider"/>, so tests drive it with fake time). A failed run is logged (its kind, never data) and
/// retried at the next tick. The Functions app uses its timer trigger instead.
/// </summary>
public sealed partial class RetentionPurgeService(
    IServiceProvider services,
    IOptions<RetentionOptions> options,
    ILogger<RetentionPurgeService> logger,
    TimeProvider? time = null) : BackgroundService
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Completed runs (tests wait on it).</summary>
    public int Runs => _runs;

    private int _runs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(o.Interval, _time);
        do
        {
            try
            {
                var purge = services.GetRequiredService<RetentionPurge>();
                var client = services.GetRequiredService<DurableTaskClient>();
                await purge.RunAsync(client, Workflows.Storage.CandidateErasure.TriggerSchedule, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex.GetType().Name, o.Interval);
            }

            Interlocked.Increment(ref _runs);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge failed ({ExceptionType}); it runs again in {Interval}")]
    private partial void LogFailed(string exceptionType, TimeSpan interval);
}
