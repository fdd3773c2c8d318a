namespace AiFunctions.DevServiceBus.Entities;

/// <summary>The message states the client reads from the x-opt-message-state annotation.</summary>
internal enum MessageState
{
    Active = 0,
    Deferred = 1,
    Scheduled = 2,
}
