namespace AiFunctions.DevServiceBus.Amqp;

/// <summary>An IAsyncResult for work that finished synchronously (link attach needs no I/O in the broker).</summary>
internal sealed class CompletedAsyncResult : IAsyncResult
{
    public CompletedAsyncResult(AsyncCallback callback, object? state)
    {
        AsyncState = state;
        callback(this);
    }

    public object? AsyncState { get; }

    public WaitHandle AsyncWaitHandle => throw new NotSupportedException("The operation completed synchronously.");

    public bool CompletedSynchronously => true;

    public bool IsCompleted => true;
}
