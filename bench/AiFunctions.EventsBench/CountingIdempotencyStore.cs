using AiFunctions.Events.Idempotency;

namespace AiFunctions.EventsBench;

/// <summary>Wraps the real idempotency store and signals when the expected number of events were recorded.</summary>
internal sealed class CountingIdempotencyStore(IIdempotencyStore inner, int expected) : IIdempotencyStore
{
    private int _recorded;

    public TaskCompletionSource AllRecorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Recorded => Volatile.Read(ref _recorded);

    public Task<bool> ExistsAsync(string eventKey, CancellationToken cancellationToken) => inner.ExistsAsync(eventKey, cancellationToken);

    public async Task RecordAsync(string eventKey, string eventType, CancellationToken cancellationToken)
    {
        await inner.RecordAsync(eventKey, eventType, cancellationToken).ConfigureAwait(false);
        if (Interlocked.Increment(ref _recorded) == expected)
        {
            AllRecorded.TrySetResult();
        }
    }
}
