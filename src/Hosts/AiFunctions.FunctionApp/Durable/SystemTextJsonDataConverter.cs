using System.Text.Json;
using DurableTask.Core.Serializing;

namespace AiFunctions.FunctionApp.Durable;

/// <summary>
/// Serializes orchestration inputs with System.Text.Json, as the isolated worker deserializes them (DurableTask.Core's
/// own converter uses Newtonsoft.Json, whose output the worker would not always read back the same way).
/// </summary>
internal sealed class SystemTextJsonDataConverter : DataConverter
{
    public override string Serialize(object value) => Serialize(value, formatted: false);

    public override string Serialize(object value, bool formatted) =>
        JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), formatted ? Indented : Compact);

    public override object Deserialize(string data, Type objectType) =>
        data is null ? null! : JsonSerializer.Deserialize(data, objectType, Compact)!;

    private static readonly JsonSerializerOptions Compact = new();
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
