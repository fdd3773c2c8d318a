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
/// nothing that the resumable store does not already give (docs/migration.md).
/// </summary>
public sealed partial class ReplayQueue(IServiceScopeFactory scopes, IReplayStore replays, ILogger<ReplayQueue> logger) : BackgroundService
{
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a saved replay to run; never waits.</summary>
    public void Enqueue(string replayId) => _pending.Writer.TryWrite(replayId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var replay in await replays.ListUnfinishedAsync(stoppingToken).ConfigureAwait(false))
            {
                LogResuming(logger, replay.ReplayId, replay.Done, replay.Total);
                Enqueue(replay.ReplayId);
            }
        }
#pragma warning disable CA1031 // An unreachable store at start must not stop the host: new replays still run, and the next start resumes.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogListFailed(logger, ex.GetType().Name);
        }

        await foreach (var replayId in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
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
    }

    [LoggerMessage(1, LogLevel.Information, "Resuming replay {ReplayId} ({Done}/{Total} candidates done).")]
    private static partial void LogResuming(ILogger logger, string replayId, int done, int total);

    [LoggerMessage(2, LogLevel.Warning, "Could not list unfinished replays at start ({Failure}); they resume at the next start.")]
    private static partial void LogListFailed(ILogger logger, string failure);

    [LoggerMessage(3, LogLevel.Error, "Replay {ReplayId} stopped with {Failure}.")]
    private static partial void LogRunFailed(ILogger logger, string replayId, string failure);
}
