namespace AiFunctions.Events.Handling;

/// <summary>
/// Retry behaviour of the handlers (<c>AiFunctions:Events:Handling</c>). A transient failure is first retried inside
/// the handler (cheap, keeps the lock), then the message is held for a backoff that grows with its delivery count and
/// abandoned, so the broker redelivers it; after the entity's MaxDeliveryCount the broker dead-letters it.
/// </summary>
internal sealed class EventHandlingOptions
{
    public const string SectionName = "AiFunctions:Events:Handling";

    /// <summary>Retries inside one delivery before giving the message back. Default 2.</summary>
    public int InHandlerRetries { get; set; } = 2;

    /// <summary>First in-handler retry delay (exponential with jitter). Default 200 ms.</summary>
    public TimeSpan InHandlerRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Backoff before abandoning a message on its first delivery; doubles per delivery. Default 1 s.</summary>
    public TimeSpan AbandonBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the abandon backoff. Default 30 s.</summary>
    public TimeSpan MaxAbandonBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The backoff before abandoning delivery number <paramref name="deliveryCount"/> (1-based).</summary>
    public TimeSpan AbandonBackoffFor(int deliveryCount)
    {
        var exponent = Math.Clamp(deliveryCount - 1, 0, 20);
        var ticks = Math.Min(AbandonBackoff.Ticks * (1L << exponent), MaxAbandonBackoff.Ticks);
        return TimeSpan.FromTicks(Math.Max(0, ticks));
    }
}
