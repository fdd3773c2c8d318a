using System.Text.Json;
using System.Text.Json.Serialization;
using AiFunctions.Events.Contracts;
using Azure.Messaging;

namespace AiFunctions.Events.Publishing;

/// <summary>
/// Builds every outbound CloudEvent the same way, as docs/events.md documents it: <c>datacontenttype</c>
/// <c>application/json</c> with the data as a JSON value in <c>data</c> (never <c>data_base64</c>), fields camelCase and
/// enums as their names — the casing of <see cref="EventSchema.ToJsonSchema"/>, which a contract test checks every
/// outbound type against.
/// </summary>
public static class OutboundCloudEvents
{
    /// <summary>The serializer of outbound data: web defaults (camelCase) and enums as strings.</summary>
    public static JsonSerializerOptions DataJson { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A CloudEvent carrying <paramref name="data"/> serialised with <see cref="DataJson"/>.</summary>
    public static CloudEvent Create<TData>(string source, string type, TData data) =>
        Create(source, type, BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(data, DataJson)));

    /// <summary>A CloudEvent carrying already serialised JSON <paramref name="json"/> as <c>data</c>.</summary>
    public static CloudEvent Create(string source, string type, BinaryData json) =>
        new(source, type, json, CloudEventAttributes.JsonContentType, CloudEventDataFormat.Json);
}
