namespace AiFunctions.Events.Handling;

/// <summary>What a handler did: new work, or nothing because the event had been handled before.</summary>
internal sealed record HandlerResult(bool Duplicate, string? InstanceId = null)
{
    public static HandlerResult Done(string? instanceId = null) => new(false, instanceId);

    public static HandlerResult AlreadyDone(string? instanceId = null) => new(true, instanceId);
}
