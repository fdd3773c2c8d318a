using System.Collections.Concurrent;

namespace AiFunctions.DevServiceBus.Entities;

/// <summary>
/// Which store holds the message behind each live lock token, so that settlement through any link or through
/// $management finds it (a lock token is what the client sends back, whatever link it came from).
/// </summary>
internal sealed class LockRegistry
{
    readonly ConcurrentDictionary<Guid, MessageStore> owners = new();

    public void Add(Guid lockToken, MessageStore store) => owners[lockToken] = store;

    public void Remove(Guid lockToken) => owners.TryRemove(lockToken, out _);

    public MessageStore? Find(Guid lockToken) => owners.TryGetValue(lockToken, out var store) ? store : null;
}
