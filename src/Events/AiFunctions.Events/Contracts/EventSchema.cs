using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace AiFunctions.Events.Contracts;

/// <summary>One version of one event type's data: its <c>dataschema</c> URI and the record it binds to.</summary>
internal sealed record EventSchema(string Type, int Version, Type DataType)
{
    /// <summary>Where the schemas are documented (docs/events.md); the URI identifies, it need not resolve.</summary>
    public const string BaseUri = "https://schemas.aifunctions.dev/events/";

    private static readonly JsonSerializerOptions SchemaJson = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver(), Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public Uri DataSchema { get; } = UriFor(Type, Version);

    public static Uri UriFor(string type, int version) => new($"{BaseUri}{type}/v{version}.json");

    /// <summary>
    /// The JSON schema of the data (draft 2020-12, as System.Text.Json binds it: camelCase), with <c>$id</c> set to
    /// <see cref="DataSchema"/>; for producers and the management UI. The field rules beyond shape are in docs/events.md.
    /// </summary>
    public JsonNode ToJsonSchema()
    {
        var node = JsonSchemaExporter.GetJsonSchemaAsNode(SchemaJson, DataType);
        if (node is JsonObject schema)
        {
            schema.Insert(0, "$id", DataSchema.ToString());
            schema.Insert(1, "title", $"{Type} v{Version}");
        }

        return node;
    }
}
