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

    /// <summary>
    /// The events of <paramref name="tenant"/> by their latest recorded outcome, the most recently recorded first, one page
    /// of at most <paramref name="pageSize"/> (1-<see cref="InboundEventPage.MaxPageSize"/>). An event whose outcome is
    /// recorded again moves to the front, so a page read while events are being handled may repeat or miss one that moved.
    /// A <paramref name="continuationToken"/> the store did not issue is an <see cref="ArgumentException"/> with
    /// <see cref="ArgumentException.ParamName"/> <c>continuationToken</c>.
    /// </summary>
    Task<InboundEventPage> ListRecentAsync(string tenant, int pageSize, string? continuationToken, CancellationToken cancellationToken);
}

/// <summary>One page of <see cref="IEventOutcomeStore.ListRecentAsync"/>.</summary>
/// <param name="Items">Outcomes, the most recently recorded first.</param>
/// <param name="ContinuationToken">The store's token for the next page; null on the last page.</param>
public sealed record InboundEventPage(IReadOnlyList<InboundEventOutcome> Items, string? ContinuationToken)
{
    /// <summary>Most outcomes per page.</summary>
    public const int MaxPageSize = 200;
}
