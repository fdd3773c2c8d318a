using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiFunctions.Events.Tests;

/// <summary>The standalone host's event endpoints over HTTP (WebApplicationFactory), with a dev broker behind them.</summary>
public sealed class EventEndpointsTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private const string ApiKey = "events-api-key-0123456789abcdef0123456789";
    private const string TenantOperatorKey = "events-tenant-operator-key-0123456789abcdef";
    private const string IntakeKey = "events-intake-key";
    private WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("AiFunctions:Durable:Backend", "InMemory");
            b.UseSetting("AiFunctions:Storage:Store", "InMemory");
            b.UseSetting("AiFunctions:Auth:ApiKeys:operator:KeyHash", Hosting.Security.ApiKeyHash.Compute(ApiKey));
            b.UseSetting("AiFunctions:Auth:ApiKeys:operator:Tenant", "contoso");
            b.UseSetting("AiFunctions:Auth:ApiKeys:operator:Roles:0", Hosting.Security.ApiRoles.Operator);
            b.UseSetting("AiFunctions:Auth:ApiKeys:operator:Roles:1", Hosting.Security.ApiRoles.ServiceOperator);
            b.UseSetting("AiFunctions:Auth:ApiKeys:tenant-ops:KeyHash", Hosting.Security.ApiKeyHash.Compute(TenantOperatorKey));
            b.UseSetting("AiFunctions:Auth:ApiKeys:tenant-ops:Tenant", "contoso");
            b.UseSetting("AiFunctions:Auth:ApiKeys:tenant-ops:Roles:0", Hosting.Security.ApiRoles.Operator);
            b.UseSetting("AiFunctions:ServiceBus:ConnectionString", broker.ConnectionString);
            b.UseSetting("AiFunctions:Events:Intake:SharedKey", IntakeKey);
            b.UseSetting("AiFunctions:Events:Handling:AbandonBackoff", "00:00:00.050");
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static StringContent CloudEventContent(object cloudEvent) =>
        new(JsonSerializer.Serialize(cloudEvent), Encoding.UTF8, "application/cloudevents+json");

    [Fact]
    public async Task The_webhook_refuses_requests_without_the_intake_key()
    {
        using var client = _factory.CreateClient();
        var body = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1"));

        var response = await client.PostAsync("/api/events", CloudEventContent(body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_cloud_events_handshake_works_over_http()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/api/events?code={IntakeKey}");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
    }

    [Fact]
    public async Task An_invalid_event_posted_over_http_is_listed_in_the_dead_letters_and_can_be_replayed()
    {
        using var client = _factory.CreateClient();
        var invalid = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1") with { CandidateId = "no/slashes" }, id: "http-invalid");
        var messageId = EventKeys.For(TestEvents.Source, "http-invalid");

        var accepted = await client.PostAsync($"/api/events?code={IntakeKey}", CloudEventContent(invalid));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        using var authorized = _factory.CreateClient();
        authorized.DefaultRequestHeaders.Add(Hosting.Api.ApiKeyHeader.Name, ApiKey);
        JsonElement entry = default;
        await Wait.UntilAsync(async () =>
        {
            var list = await authorized.GetFromJsonAsync<JsonElement>("/api/deadletters/hr-events:employees");
            entry = list.EnumerateArray().FirstOrDefault(e => e.GetProperty("messageId").GetString() == messageId);
            return entry.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(30), "the dead-lettered event");

        Assert.Equal(DeadLetterReasons.ValidationFailed, entry.GetProperty("deadLetterReason").GetString());
        Assert.Contains("candidateId", entry.GetProperty("deadLetterErrorDescription").GetString(), StringComparison.Ordinal);
        Assert.Equal(HrEventTypes.EmployeeHired, entry.GetProperty("eventType").GetString());

        var replay = await authorized.PostAsync($"/api/deadletters/hr-events:employees/replay?messageId={messageId}", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/deadletters/hr-events:employees")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await authorized.GetAsync("/api/deadletters/no-such-queue")).StatusCode);
    }

    [Fact]
    public async Task A_tenants_operator_lists_only_its_tenants_dead_letters_and_a_service_operator_lists_all()
    {
        using var client = _factory.CreateClient();
        var run = Guid.NewGuid().ToString("N")[..6];
        foreach (var (id, tenant) in new[] { ($"dl-{run}-mine", "contoso"), ($"dl-{run}-theirs", "fabrikam"), ($"dl-{run}-nobody", "not a tenant") })
        {
            var invalid = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1") with { CandidateId = "no/slashes" }, id: id);
            invalid.ExtensionAttributes[CloudEventAttributes.TenantId] = tenant;
            var accepted = await client.PostAsync($"/api/events?code={IntakeKey}", CloudEventContent(invalid));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var service = _factory.CreateClient();
        service.DefaultRequestHeaders.Add(Hosting.Api.ApiKeyHeader.Name, ApiKey);
        List<JsonElement> all = [];
        await Wait.UntilAsync(async () =>
        {
            all = [.. (await service.GetFromJsonAsync<JsonElement>("/api/deadletters/hr-events:employees?max=500")).EnumerateArray()
                .Where(e => e.TryGetProperty("eventId", out var i) && i.GetString()?.StartsWith($"dl-{run}-", StringComparison.Ordinal) == true)];
            return all.Count == 3;
        }, TimeSpan.FromSeconds(30), "the three dead-lettered events");
        Assert.Equal(["contoso", "fabrikam", "not a tenant"], all.Select(e => e.GetProperty("tenant").GetString()).Order(StringComparer.Ordinal));

        using var tenantOps = _factory.CreateClient();
        tenantOps.DefaultRequestHeaders.Add(Hosting.Api.ApiKeyHeader.Name, TenantOperatorKey);
        var listed = (await tenantOps.GetFromJsonAsync<JsonElement>("/api/deadletters/hr-events:employees?max=500")).EnumerateArray().ToList();
        Assert.Contains(listed, e => e.GetProperty("eventId").GetString() == $"dl-{run}-mine");
        Assert.All(listed, e => Assert.Equal("contoso", e.GetProperty("tenant").GetString()));

        var replay = await tenantOps.PostAsync("/api/deadletters/hr-events:employees/replay", null);
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Contains("ServiceOperator", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await tenantOps.GetAsync("/api/deadletters/hr-events:employees?max=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tenantOps.GetAsync("/api/deadletters/hr-events:employees?max=501")).StatusCode);
    }
}
