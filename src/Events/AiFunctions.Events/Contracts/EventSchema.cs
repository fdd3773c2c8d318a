namespace AiFunctions.Events.Contracts;

/// <summary>One version of one event type's data: its <c>dataschema</c> URI and the record it binds to.</summary>
public sealed record EventSchema(string Type, int Version, Type DataType)
{
    /// <summary>Where the schemas are documented (docs/events.md); the URI identifies, it need not resolve.</summary>
    public const string BaseUri = "https://schemas.aifunctions.dev/events/";

    public Uri DataSchema { get; } = UriFor(Type, Version);

    public static Uri UriFor(string type, int version) => new($"{BaseUri}{type}/v{version}.json");
}
