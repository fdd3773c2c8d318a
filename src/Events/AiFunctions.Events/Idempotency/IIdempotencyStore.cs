namespace AiFunctions.Events.Idempotency;

/// <summary>Records which events were handled, for handlers that do not start orchestrations.</summary>
internal interface IIdempotencyStore
{
    Task<bool> ExistsAsync(string eventKey, CancellationToken cancellationToken);

    /// <summary>Records the event as handled. Recording the same key twice is not an error.</summary>
    Task RecordAsync(string eventKey, string eventType, CancellationToken cancellationToken);
}
