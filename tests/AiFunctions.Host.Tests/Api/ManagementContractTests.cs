using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api.Management;

namespace AiFunctions.Host.Tests.Api;

/// <summary>The management operations in the OpenAPI document, each with its typed records (what the console's client is generated from).</summary>
public sealed class ManagementContractTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Theory]
    [InlineData("/api/manage/routes", "get", "ListManagedRoutes", "ManagedRouteList")]
    [InlineData("/api/manage/routes/{route}", "get", "GetManagedRoute", "ManagedRoute")]
    [InlineData("/api/manage/routes/{route}", "put", "ChangeRoute", "RouteVersion")]
    [InlineData("/api/manage/routes/{route}/versions", "get", "ListRouteVersions", "RouteVersionList")]
    [InlineData("/api/manage/routes/{route}/rollback", "post", "RollbackRoute", "RouteVersion")]
    [InlineData("/api/manage/usage", "get", "GetUsage", "UsageReport")]
    public async Task Each_management_operation_answers_a_named_record(string path, string method, string operationId, string schema)
    {
        using var client = factory.CreateAuthorizedClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var operation = doc.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        var reference = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        Assert.Equal("#/components/schemas/" + schema, reference);
        Assert.True(doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").EnumerateObject().Any());
        Assert.Contains(operationId, ManagementRoutes.All.Select(r => r.Name));
    }

    [Fact]
    public async Task The_route_change_takes_route_settings_and_usage_also_answers_csv()
    {
        using var client = factory.CreateAuthorizedClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = doc.RootElement.GetProperty("paths");

        var body = paths.GetProperty("/api/manage/routes/{route}").GetProperty("put").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        var settings = doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("RouteOptions").GetProperty("properties");
        var usage = paths.GetProperty("/api/manage/usage").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");

        Assert.Equal("#/components/schemas/RouteOptions", body);
        Assert.True(settings.TryGetProperty("targets", out _) && settings.TryGetProperty("strategy", out _) && settings.TryGetProperty("timeout", out _));
        Assert.True(usage.TryGetProperty("text/csv", out _));
        Assert.True(usage.TryGetProperty("application/json", out _));
    }
}
