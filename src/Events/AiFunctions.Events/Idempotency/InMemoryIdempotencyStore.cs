using System.Collections.Concurrent;

namespace AiFunctions.Events.Idempotency;

/// <summary>Process-local idempotency records (tests; <c>AiFunctions:Events:Idempotency:Kind = Memory</c>).</summary>
internal sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<string, string> _seen = new(StringComparer.Ordinal);

    public int Count => _seen.Count;

    public Task<bool> ExistsAsync(string eventKey, CancellationToken cancellationToken) => Task.FromResult(_seen.ContainsKey(eventKey));

    public Task RecordAsync(string eventKey, string eventType, CancellationToken cancellationToken)
    {
        _seen.TryAdd(eventKey, eventType);
        return Task.CompletedTask;
    }
}
