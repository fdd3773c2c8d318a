using AiFunctions.Events.Tracking;

namespace AiFunctions.Events.EventGrid;

/// <summary>
/// 200 answer of the webhook for delivered events: how many were accepted and, per event (same order as sent), its
/// source, id and what it became — handed to a Service Bus entity (<c>Accepted</c>, follow it with
/// <c>GET /api/events/inbound?source=…&amp;id=…</c>) or, in Direct mode, handled and the instance it started.
/// </summary>
public sealed record WebhookAccepted(int Accepted, IReadOnlyList<InboundEventOutcome> Events);
