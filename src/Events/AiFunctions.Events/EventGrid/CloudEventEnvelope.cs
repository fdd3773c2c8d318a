using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFunctions.Events.EventGrid;

/// <summary>
/// The shape of one CloudEvents 1.0 event as the webhook takes it (JSON, structured mode), for the OpenAPI document and
/// generated clients; the intake itself parses with <see cref="Azure.Messaging.CloudEvent"/>. Event Grid schema
/// events (<c>id, topic, subject, eventType, eventTime, dataVersion, data</c>) are accepted too.
/// </summary>
/// <param name="Tenantid">The tenant (extension attribute); absent = <c>default</c>. Required for <c>hr.requisition.*</c> in multi-tenant use.</param>
/// <param name="Correlationid">Carried end to end onto the outbound events (extension attribute); absent = <see cref="Id"/>.</param>
/// <param name="Data">The event's data object (see docs/events.md for each type's fields).</param>
public sealed record CloudEventEnvelope(
    [property: JsonPropertyName("specversion")] string Specversion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("data")] JsonElement Data,
    [property: JsonPropertyName("subject")] string? Subject = null,
    [property: JsonPropertyName("time")] DateTimeOffset? Time = null,
    [property: JsonPropertyName("datacontenttype")] string? Datacontenttype = null,
    [property: JsonPropertyName("dataschema")] string? Dataschema = null,
    [property: JsonPropertyName("tenantid")] string? Tenantid = null,
    [property: JsonPropertyName("correlationid")] string? Correlationid = null);
