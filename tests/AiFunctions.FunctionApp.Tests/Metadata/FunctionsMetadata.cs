using System.Text.Json.Nodes;

namespace AiFunctions.FunctionApp.Tests.Metadata;

/// <summary>The functions.metadata file the Worker SDK writes into the Functions app's build output.</summary>
internal static class FunctionsMetadata
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> Functions = new(Load);

    public static IReadOnlyDictionary<string, JsonObject> All => Functions.Value;

    public static IReadOnlyList<JsonObject> Bindings(string function) =>
        All[function]["bindings"]!.AsArray().OfType<JsonObject>().ToList();

    public static JsonObject Trigger(string function) =>
        Bindings(function).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));

    private static IReadOnlyDictionary<string, JsonObject> Load()
    {
        var path = Path.Combine(TestPaths.FunctionAppOutput, "functions.metadata");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No functions.metadata at {path}: build src/Hosts/AiFunctions.FunctionApp (the Worker SDK generates it).", path);
        }

        return JsonNode.Parse(File.ReadAllText(path))!.AsArray()
            .OfType<JsonObject>()
            .ToDictionary(f => (string)f["name"]!, StringComparer.Ordinal);
    }
}
