using System.Text.Json.Nodes;

namespace AiFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>infra/main.bicep compiled once to its ARM JSON, shared by the tests that inspect it.</summary>
public sealed class CompiledTemplate
{
    public CompiledTemplate()
    {
        var result = BicepCli.Run("build", "main.bicep", "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra/main.bicep does not compile: {result}");
        }

        Root = JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    public JsonObject Root { get; }

    /// <summary>Every resource of the template and of its nested module deployments.</summary>
    public IReadOnlyList<JsonObject> AllResources()
    {
        var all = new List<JsonObject>();
        Collect(Root, all);
        return all;
    }

    private static void Collect(JsonObject template, List<JsonObject> into)
    {
        var resources = template["resources"];
        var items = resources is JsonArray array ? array.OfType<JsonObject>() : resources?.AsObject().Select(p => p.Value).OfType<JsonObject>() ?? [];
        foreach (var resource in items)
        {
            into.Add(resource);
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                Collect(nested, into);
            }
        }
    }
}
