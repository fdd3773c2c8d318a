using System.Net;
using System.Text;
using System.Text.Json;
using AiFunctions.Host.OpenApi;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// <c>GET /openapi/v1.json</c> as a contract: read and validated by Microsoft.OpenApi with zero errors, unique operation
/// ids, a typed response schema for every success, problem details for every error status, security per operation
/// (health anonymous) and request examples the API accepts.
/// </summary>
public sealed class OpenApiContractTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    private async Task<(OpenApiDocument Document, string Json)> LoadAsync()
    {
        using var client = factory.CreateAuthorizedClient();
        var json = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var settings = new OpenApiReaderSettings();
        settings.AddJsonReader();
        var read = await OpenApiDocument.LoadAsync(stream, "json", settings);
        Assert.True(read.Diagnostic?.Errors is not { Count: > 0 }, "Reader errors: " + string.Join("; ", read.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        return (read.Document!, json);
    }

    [Fact]
    public async Task The_document_validates_with_zero_errors()
    {
        var (document, _) = await LoadAsync();

        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];

        Assert.True(errors.Count == 0, "Validation errors: " + string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
    }

    [Fact]
    public async Task Operation_ids_are_unique_and_every_route_of_the_tables_is_there()
    {
        var (document, _) = await LoadAsync();
        var ids = document.Paths.SelectMany(p => p.Value.Operations!.Values).Select(o => o.OperationId).ToList();

        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Superset(ApiRoutes.All.Concat(EventApi.Routes).Concat(EventTrackingApi.Routes).Concat(ListingApi.Routes).Concat(AiFunctions.Hosting.Api.Management.ManagementRoutes.All).Select(r => r.Name).ToHashSet(), ids.ToHashSet()!);
    }

    /// <summary>The anonymous health probes (liveness, readiness and the old /health address).</summary>
    private static readonly HashSet<string> Probes = [ApiRoutes.Health.Name, ApiRoutes.HealthLive.Name, ApiRoutes.HealthReady.Name];

    [Fact]
    public async Task Every_success_has_a_typed_schema_and_every_error_status_is_problem_details()
    {
        var (document, _) = await LoadAsync();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                var where = $"{method} {path} ({operation.OperationId})";
                if (method == HttpMethod.Options)
                {
                    continue; // the webhook handshake answers with headers only
                }

                if (path.StartsWith("/v1/", StringComparison.Ordinal))
                {
                    continue; // the OpenAI-compatible gateway (i14): its wire contract is OpenAI's, JSON or an SSE stream, not ours to type here
                }

                var success = operation.Responses!.Where(r => r.Key.StartsWith('2')).ToList();
                Assert.True(success.Count > 0, $"{where} has no success response.");
                Assert.All(success, r => Assert.True(r.Value.Content?.TryGetValue("application/json", out var media) == true && media.Schema is not null, $"{where} {r.Key} has no JSON schema."));
                var errors = operation.Responses!.Where(r => r.Key[0] is '4' or '5').ToList();
                if (Probes.Contains(operation.OperationId!))
                {
                    // Health probes answer their own report (HealthResponse), also with 503 when not ready: a probe body, not a problem.
                    Assert.All(errors, r => Assert.True(r.Key == "503" && r.Value.Content?.ContainsKey("application/json") == true, $"{where} {r.Key} is not the probe's report."));
                    continue;
                }

                Assert.True(errors.Count > 0, $"{where} documents no error status.");
                Assert.All(errors, r => Assert.True(r.Value.Content?.ContainsKey("application/problem+json") == true, $"{where} {r.Key} is not problem details."));
            }
        }
    }

    [Fact]
    public async Task Security_schemes_are_declared_and_applied_per_operation_with_health_anonymous()
    {
        var (_, json) = await LoadAsync();
        using var doc = JsonDocument.Parse(json);
        var schemes = doc.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty(OpenApiContract.ApiKeyScheme).GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty(OpenApiContract.BearerScheme).GetProperty("scheme").GetString());
        Assert.Equal("X-Events-Key", schemes.GetProperty(OpenApiContract.EventsKeyScheme).GetProperty("name").GetString());

        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var id = operation.Value.GetProperty("operationId").GetString()!;
                var security = operation.Value.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
                if (Probes.Contains(id))
                {
                    Assert.Empty(security);
                }
                else if (id.StartsWith(EventApi.ReceiveEventsRoute.Name, StringComparison.Ordinal))
                {
                    Assert.Equal([OpenApiContract.EventsKeyScheme], security);
                }
                else
                {
                    Assert.Equal([OpenApiContract.ApiKeyScheme, OpenApiContract.BearerScheme], security);
                    Assert.True(operation.Value.GetProperty("responses").TryGetProperty("401", out _), $"{id} does not document 401.");
                }
            }
        }
    }

    [Theory]
    [InlineData("StartScreening", "POST", "/api/screenings", HttpStatusCode.Accepted)]
    [InlineData("StartJobDescription", "POST", "/api/job-descriptions", HttpStatusCode.Accepted)]
    public async Task Each_start_example_in_the_document_is_accepted_by_the_api(string operationId, string method, string path, HttpStatusCode expected)
    {
        var (_, json) = await LoadAsync();
        using var doc = JsonDocument.Parse(json);
        var operation = doc.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());
        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        var example = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();
        // A fresh id, so the example can be posted more than once per host.
        example = example.Replace("\"b-2026-001\"", $"\"b-{Guid.NewGuid():N}\"", StringComparison.Ordinal).Replace("\"jd-42\"", $"\"jd-{Guid.NewGuid():N}\"", StringComparison.Ordinal);

        using var client = factory.CreateAuthorizedClient();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = new StringContent(example, Encoding.UTF8, "application/json") });

        Assert.True(expected == response.StatusCode, $"{operationId} example answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
