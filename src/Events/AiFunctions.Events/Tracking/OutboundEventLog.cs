using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Messaging;

namespace AiFunctions.Events.Tracking;

/// <summary>
/// The most recent outbound events this process published (newest first, at most <see cref="Capacity"/>), for
/// <c>GET /api/events/outbound</c>: a newcomer sees what went out without a Service Bus or Event Grid client. Process
/// memory only — a diagnostic window, not an archive (the sink is the record). Data included: outbound data carries
/// ids, counts and statuses only.
/// </summary>
public sealed class OutboundEventLog
{
    public const int Capacity = 500;

    private readonly ConcurrentQueue<PublishedEvent> _events = new();

    public void Add(CloudEvent cloudEvent, DateTimeOffset publishedAt)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        JsonElement? data = cloudEvent.Data is { } bytes ? JsonDocument.Parse(bytes).RootElement.Clone() : null;
        _events.Enqueue(new PublishedEvent(
            cloudEvent.Id, cloudEvent.Source, cloudEvent.Type, cloudEvent.Subject, cloudEvent.Time,
            cloudEvent.ExtensionAttributes.TryGetValue(Contracts.CloudEventAttributes.CorrelationId, out var c) ? c?.ToString() : null,
            cloudEvent.DataSchema, data, publishedAt, InboundEventOutcome.TenantOf(cloudEvent)));
        while (_events.Count > Capacity && _events.TryDequeue(out _))
        {
        }
    }

    /// <summary>
    /// Newest first, of <paramref name="tenant"/> only (the event's <c>tenantid</c>); optionally only one type, or only
    /// events whose subject or correlation id is <paramref name="about"/>.
    /// </summary>
    public IReadOnlyList<PublishedEvent> Recent(string tenant, int max, string? type = null, string? about = null) =>
        [.. _events.Reverse()
            .Where(e => string.Equals(e.Tenant, tenant, StringComparison.Ordinal))
            .Where(e => type is null || e.Type == type)
            .Where(e => about is null || e.Subject == about || e.CorrelationId == about)
            .Take(Math.Clamp(max, 1, Capacity))];
}

/// <summary>One published outbound CloudEvent as <c>GET /api/events/outbound</c> lists it; <paramref name="Tenant"/> is its <c>tenantid</c>.</summary>
public sealed record PublishedEvent(string Id, string Source, string Type, string? Subject, DateTimeOffset? Time, string? CorrelationId, string? DataSchema, JsonElement? Data, DateTimeOffset PublishedAt, string Tenant);
