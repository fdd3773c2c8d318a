using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Workflows.Migration;

/// <summary>
/// The background job that runs replays, one at a time (each runs its own candidates concurrently): replays the API
/// accepted, and at start every replay the store still has as Queued or Running (a host stopped or crashed mid-replay
/// continues where it stopped: <see cref="ReplayRunner"/> skips candidates already replayed). A hosted service rather
/// than a Durable orchestration: a replay writes only its own idempotent rows, decides nothing about a person and
/// needs no human wait or timer, so the Durable history, its replays and the Functions app's extra trigger surface buy
/// nothing that the resumable store does not already give (docs/migration.md). With several hosts, each replay is run
/// by one host at a time (the runner's claim in the store); every <see cref="ReplayRunner.ClaimDuration"/> the queue
/// looks again for unfinished replays, so one whose host died is taken over once its claim has expired.
/// </summary>
public sealed partial class ReplayQueue(IServiceScopeFactory scopes, IReplayStore replays, ILogger<ReplayQueue> logger) : BackgroundService
{
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    /// <summary>Queues a saved replay to run (once: a replay already waiting here is not queued twice); never waits.</summary>
    public void Enqueue(string replayId)
    {
        if (_queued.TryAdd(replayId, 0) && !_pending.Writer.TryWrite(replayId))
        {
            _queued.TryRemove(replayId, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeUnfinishedAsync(stoppingToken).ConfigureAwait(false);
        var rescan = RescanAsync(stoppingToken);
        await foreach (var replayId in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            _queued.TryRemove(replayId, out _);
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<ReplayRunner>().RunAsync(replayId, stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // One replay's failure (already recorded by the runner) must not stop the others.
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogRunFailed(logger, replayId, ex.GetType().Name);
            }
        }

        await rescan.ConfigureAwait(false);
    }

    private async Task ResumeUnfinishedAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var replay in await replays.ListUnfinishedAsync(stoppingToken).ConfigureAwait(false))
            {
                LogResuming(logger, replay.ReplayId, replay.Done, replay.Total);
                Enqueue(replay.ReplayId);
            }
        }
#pragma warning disable CA1031 // An unreachable store must not stop the host: new replays still run, and the next scan resumes.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogListFailed(logger, ex.GetType().Name);
        }
    }

    private async Task RescanAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(ReplayRunner.ClaimDuration, stoppingToken).ConfigureAwait(false);
                await ResumeUnfinishedAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Resuming replay {ReplayId} ({Done}/{Total} candidates done).")]
    private static partial void LogResuming(ILogger logger, string replayId, int done, int total);

    [LoggerMessage(2, LogLevel.Warning, "Could not list unfinished replays ({Failure}); they resume at the next scan.")]
    private static partial void LogListFailed(ILogger logger, string failure);

    [LoggerMessage(3, LogLevel.Error, "Replay {ReplayId} stopped with {Failure}.")]
    private static partial void LogRunFailed(ILogger logger, string replayId, string failure);
}
