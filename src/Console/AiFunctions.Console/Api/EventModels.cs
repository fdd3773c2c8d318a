namespace AiFunctions.Console.Api;

/// <summary><c>GET /api/events/inbound?source=&amp;id=</c>: what became of an inbound event.</summary>
public sealed record InboundEventOutcome(string Source, string Id, string? Type, string Disposition, string? Reason, string? Description, string? InstanceId, DateTimeOffset? At, string? Entity = null, string? CorrelationId = null);

/// <summary><c>GET /api/events/inbound/recent</c>: the tenant's inbound events by latest outcome, most recent first.</summary>
public sealed record InboundEventList(IReadOnlyList<InboundEventOutcome> Items, string? ContinuationToken);

/// <summary><c>GET /api/events/outbound</c>: published outbound events, newest first.</summary>
public sealed record OutboundEventList(IReadOnlyList<PublishedEvent> Events);

/// <summary>One published outbound CloudEvent (data omitted from the view).</summary>
public sealed record PublishedEvent(string Id, string Source, string Type, string? Subject, DateTimeOffset? Time, string? CorrelationId, DateTimeOffset? PublishedAt);

/// <summary>One dead-lettered message (no body) of <c>GET /api/deadletters/{entity}</c>.</summary>
public sealed record DeadLetteredMessage(long SequenceNumber, string MessageId, string? EventType, string? CorrelationId, string? DeadLetterReason, string? DeadLetterErrorDescription, DateTimeOffset? EnqueuedTime, int DeliveryCount, string? EventId, string? EventSource);

/// <summary>Answer of <c>POST /api/deadletters/{entity}/replay</c>.</summary>
public sealed record ReplayResult(string Entity, int Replayed, IReadOnlyList<string> MessageIds);

/// <summary>The entities whose dead letters the event handlers own (infra/servicebus/Config.json).</summary>
public static class DeadLetterEntities
{
    /// <summary>Queue and topic:subscription names, as <c>GET /api/deadletters/{entity}</c> takes them.</summary>
    public static IReadOnlyList<string> All { get; } = ["screening-requests", "hr-events:screening", "hr-events:requisitions", "hr-events:employees"];
}
