namespace AiFunctions.Events.Tracking;

/// <summary>
/// The last known outcome of each inbound event (by CloudEvents source + id), so a producer can follow an event it
/// sent. Table storage (<c>EventOutcomes</c>) or in memory, like the idempotency records.
/// </summary>
public interface IEventOutcomeStore
{
    /// <summary>Records (replaces) the outcome of <see cref="InboundEventOutcome.Source"/> + <see cref="InboundEventOutcome.Id"/>.</summary>
    Task RecordAsync(InboundEventOutcome outcome, CancellationToken cancellationToken);

    /// <summary>The outcome of the event, or null when it was never received here.</summary>
    Task<InboundEventOutcome?> GetAsync(string source, string id, CancellationToken cancellationToken);
}
