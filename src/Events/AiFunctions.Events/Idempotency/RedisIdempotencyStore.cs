using StackExchange.Redis;

namespace AiFunctions.Events.Idempotency;

/// <summary>
/// Idempotency records in the Redis every instance shares (<c>AiFunctions:SharedState:Redis</c>): one key per handled
/// event (<c>{prefix}idem:{eventKey}</c> = event type) that expires after <see cref="Retention"/> — far longer than
/// any redelivery (Service Bus message time-to-live, dead-letter replay). One round trip per check and per record,
/// in memory on the server, instead of a Table storage read and insert.
/// </summary>
public sealed class RedisIdempotencyStore(IConnectionMultiplexer redis, string prefix) : IIdempotencyStore
{
    /// <summary>How long a record is kept (30 days).</summary>
    public static TimeSpan Retention { get; } = TimeSpan.FromDays(30);

    public async Task<bool> ExistsAsync(string eventKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        ArgumentNullException.ThrowIfNull(redis);
        return await redis.GetDatabase().KeyExistsAsync(prefix + "idem:" + eventKey).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordAsync(string eventKey, string eventType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventKey);
        ArgumentNullException.ThrowIfNull(redis);
        // Recording twice (a concurrent delivery) just sets the same value again.
        await redis.GetDatabase().StringSetAsync(prefix + "idem:" + eventKey, eventType, Retention).WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
