using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;

namespace AiFunctions.Host.Tests.Api;

public sealed class CatalogTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Fact]
    public async Task Providers_list_all_five_plugins_and_the_offline_local_instance()
    {
        using var client = factory.CreateAuthorizedClient();
        var body = await ApiPolling.GetJsonAsync(client, "/api/providers");
        var plugins = body.GetProperty("plugins").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "azure-openai", "openai", "anthropic", "ollama", "local" }, plugins);
        var local = Assert.Single(body.GetProperty("instances").EnumerateArray(), i => i.GetProperty("instance").GetString() == "local");
        Assert.False(local.GetProperty("generative").GetBoolean());
        Assert.Contains(local.GetProperty("models").EnumerateArray(), m => m.GetProperty("model").GetString() == "hr-rules-v1");
    }

    [Fact]
    public async Task Routes_default_to_the_local_provider()
    {
        using var client = factory.CreateAuthorizedClient();
        var body = await ApiPolling.GetJsonAsync(client, "/api/routes");
        var routes = body.GetProperty("routes").EnumerateArray().ToDictionary(r => r.GetProperty("route").GetString()!, r => r.GetProperty("targets")[0]);
        Assert.Equal("local", routes["screening"].GetProperty("provider").GetString());
        Assert.Equal("hr-rules-v1", routes["screening"].GetProperty("model").GetString());
        Assert.Equal("hr-rules-v1", routes["drafting"].GetProperty("model").GetString());
        Assert.Equal("all-MiniLM-L6-v2", routes["embedding"].GetProperty("model").GetString());
    }

    [Fact]
    public async Task The_openapi_document_lists_every_route_of_the_table()
    {
        using var client = factory.CreateAuthorizedClient();
        var body = await ApiPolling.GetJsonAsync(client, "/openapi/v1.json");
        var paths = body.GetProperty("paths");
        foreach (var route in ApiRoutes.All)
        {
            Assert.True(paths.TryGetProperty(route.Pattern, out var item), $"{route.Pattern} is missing from the OpenAPI document.");
            Assert.True(item.TryGetProperty(route.Method.ToLowerInvariant(), out _), $"{route} is missing from the OpenAPI document.");
        }
    }
}

/// <summary>The offline host with its local instance declared in a replica group (a group of one is allowed).</summary>
public sealed class ReplicaGroupHostFactory : InMemoryHostFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["AiFunctions:Providers:local:ReplicaGroup"] = "hr-rules-replicas",
    };
}

/// <summary><c>GET /api/providers</c> shows the replica group an instance declares, so an operator sees which instances are one scorer.</summary>
public sealed class ReplicaGroupCatalogTests(ReplicaGroupHostFactory factory) : IClassFixture<ReplicaGroupHostFactory>
{
    [Fact]
    public async Task The_provider_catalog_names_the_replica_group_an_instance_declares()
    {
        using var client = factory.CreateAuthorizedClient();
        var body = await ApiPolling.GetJsonAsync(client, "/api/providers");

        var local = Assert.Single(body.GetProperty("instances").EnumerateArray(), i => i.GetProperty("instance").GetString() == "local");
        Assert.Equal("hr-rules-replicas", local.GetProperty("replicaGroup").GetString());
    }
}
