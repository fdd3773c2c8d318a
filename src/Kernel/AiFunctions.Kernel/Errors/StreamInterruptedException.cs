namespace AiFunctions.Kernel.Errors;

/// <summary>
/// A streaming response broke after its first token. The kernel cannot fail over without duplicating text, so it
/// surfaces this instead of ending the stream silently: the caller must treat what it received as incomplete.
/// </summary>
public sealed class StreamInterruptedException(string route, string target, int updatesReceived, Exception inner)
    : AiKernelException($"Route '{route}': the stream from target '{target}' broke after {updatesReceived} update(s); the response is incomplete. Retry the request.", inner)
{
    public override AiFailureReason Reason => AiFailureReason.StreamInterrupted;
    public override bool IsTransient => true;
    public string Route { get; } = route;
    public string Target { get; } = target;
    public int UpdatesReceived { get; } = updatesReceived;
}
