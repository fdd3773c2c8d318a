using System.Threading.Channels;

namespace AiFunctions.Kernel.Shadowing;

/// <summary>
/// A bounded queue and a fixed number of workers for one route's shadow calls. <see cref="TryEnqueue"/> never waits:
/// when the queue is full the call is refused (the caller counts it as dropped). Workers start on first use without the
/// caller's execution context, so nothing ambient of the primary call (its usage scope, its span) flows into a shadow.
/// </summary>
internal sealed class ShadowDispatcher(int maxConcurrency, int capacity) : IDisposable
{
    private readonly Channel<Func<CancellationToken, Task>> _queue = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = maxConcurrency == 1 });
    private readonly CancellationTokenSource _stop = new();
    private int _started;
    private int _pending;

    /// <summary>Calls queued or running.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public bool TryEnqueue(Func<CancellationToken, Task> work)
    {
        if (_stop.IsCancellationRequested)
        {
            return false;
        }

        EnsureStarted();
        Interlocked.Increment(ref _pending);
        if (_queue.Writer.TryWrite(work))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    private void EnsureStarted()
    {
        if (Interlocked.CompareExchange(ref _started, 1, 0) != 0)
        {
            return;
        }

        using (ExecutionContext.SuppressFlow())
        {
            for (var i = 0; i < maxConcurrency; i++)
            {
                _ = Task.Run(WorkAsync);
            }
        }
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var work in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await work(_stop.Token).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A shadow failure is counted by the work itself; nothing may stop the worker.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Refuses new calls; the queued and running ones finish (a shadow replaced by a run-time route change).</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stop.Cancel(); // not disposed: a worker may still read the token while it stops
    }
}
