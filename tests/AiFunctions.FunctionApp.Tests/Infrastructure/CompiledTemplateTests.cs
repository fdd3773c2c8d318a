using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>What the compiled template deploys: the resources issue 5 asks for, least-privilege roles, one entity file.</summary>
public sealed class CompiledTemplateTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    private static readonly Dictionary<string, string> AllowedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"] = "Azure Service Bus Data Sender",
        ["4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"] = "Azure Service Bus Data Receiver",
        ["d5a91429-5739-47e2-a06b-3470a27159e7"] = "EventGrid Data Sender",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    [Fact]
    public void Deploys_every_resource_the_app_needs()
    {
        var types = template.AllResources().Select(r => (string)r["type"]!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        string[] expected =
        [
            "Microsoft.Web/serverfarms", "Microsoft.Web/sites",
            "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/blobServices/containers",
            "Microsoft.ServiceBus/namespaces", "Microsoft.ServiceBus/namespaces/queues", "Microsoft.ServiceBus/namespaces/topics",
            "Microsoft.ServiceBus/namespaces/topics/subscriptions", "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules",
            "Microsoft.EventGrid/topics", "Microsoft.EventGrid/topics/eventSubscriptions",
            "Microsoft.KeyVault/vaults", "Microsoft.Insights/components", "Microsoft.OperationalInsights/workspaces",
            "Microsoft.ManagedIdentity/userAssignedIdentities", "Microsoft.Authorization/roleAssignments",
        ];
        Assert.All(expected, type => Assert.Contains(type, types));
    }

    [Fact]
    public void Role_assignments_use_only_least_privilege_data_roles()
    {
        // Role definition ids are GUID literals, either inline in a role assignment or in a module's variables.
        var assignments = template.AllResources()
            .Where(r => string.Equals((string?)r["type"], "Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.NotEmpty(assignments);
        Assert.All(assignments, a => Assert.Contains("Microsoft.Authorization/roleDefinitions", (string)a["properties"]!["roleDefinitionId"]!, StringComparison.Ordinal));

        var used = Guids(assignments.Select(a => a.ToJsonString()).Concat(ModuleVariables(template.Root))).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(used, id => Assert.True(AllowedRoles.ContainsKey(id), $"Role definition {id} is not one of the least-privilege data roles."));
        Assert.Equal(AllowedRoles.Keys.Order(StringComparer.OrdinalIgnoreCase), used.Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Service_bus_entities_are_loaded_from_the_shared_entity_file()
    {
        var loaded = template.Root["variables"]!.AsObject()
            .Select(v => v.Value)
            .OfType<JsonObject>()
            .Single(v => v.ContainsKey("UserConfig"));
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.Infra, "servicebus", "Config.json")))!;

        Assert.True(JsonNode.DeepEquals(file, loaded), "main.bicep must embed infra/servicebus/Config.json as it is (loadJsonContent).");
    }

    [Fact]
    public void The_console_is_an_app_service_signing_in_with_Entra_ID_and_calling_the_function_apps_API()
    {
        var console = template.AllResources().Single(r => string.Equals((string?)r["type"], "Microsoft.Web/sites", StringComparison.OrdinalIgnoreCase)
            && ((string?)r["name"])?.Contains("app-console-", StringComparison.Ordinal) == true);
        Assert.Equal("app,linux", (string?)console["kind"]);
        var config = console["properties"]!["siteConfig"]!;
        Assert.True((bool)config["webSocketsEnabled"]!, "interactive server rendering needs WebSockets");
        Assert.True((bool)console["properties"]!["httpsOnly"]!);
        var settings = config["appSettings"]!.ToJsonString();
        Assert.Contains("AiFunctions__Console__SignIn", settings, StringComparison.Ordinal);
        Assert.Contains("EntraId", settings, StringComparison.Ordinal);
        Assert.Contains("AiFunctions__Console__ApiBaseUrl", settings, StringComparison.Ordinal);
        Assert.Contains("apiHostName", settings, StringComparison.Ordinal);
        Assert.Contains("SignedAssertionFromManagedIdentity", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("ClientSecret", settings, StringComparison.Ordinal);

        // With the console, the Functions app accepts Entra ID tokens for the API (JWT settings).
        var main = template.Root["variables"]!["consoleJwtSettings"]!.ToJsonString();
        Assert.Contains("AiFunctions__Auth__Jwt__Authority", main, StringComparison.Ordinal);
        Assert.Contains("AiFunctions__Auth__Jwt__Audiences__0", main, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Guids(IEnumerable<string> json) =>
        json.SelectMany(text => Regex.Matches(text, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase).Select(m => m.Value));

    private static IEnumerable<string> ModuleVariables(JsonObject templateNode)
    {
        if (templateNode["variables"] is JsonObject variables)
        {
            yield return variables.ToJsonString();
        }

        var resources = templateNode["resources"] as JsonArray ?? [];
        foreach (var nested in resources.OfType<JsonObject>().Select(r => (r["properties"] as JsonObject)?["template"]).OfType<JsonObject>())
        {
            foreach (var json in ModuleVariables(nested))
            {
                yield return json;
            }
        }
    }
}
