using System.Text;
using AiFunctions.Events.Requisitions;
using AiFunctions.Host.Tests.Support;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Host.Tests.Integration;

/// <summary>
/// The standalone host with its embedded dev Service Bus broker (AiFunctions:DevServiceBus:Enabled, as for local runs):
/// an event posted to the webhook travels through the broker's hr-events topic to the processor-hosted handler.
/// </summary>
public sealed class EmbeddedDevServiceBusTests(EmbeddedDevServiceBusTests.Factory factory) : IClassFixture<EmbeddedDevServiceBusTests.Factory>
{
    public sealed class Factory : InMemoryHostFactory
    {
        public const string IntakeKey = "intake-key-0123456789abcdef";

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["AiFunctions:DevServiceBus:Enabled"] = "true",
            ["AiFunctions:Events:Intake:SharedKey"] = IntakeKey,
        };
    }

    [Fact]
    public async Task A_webhook_event_reaches_its_handler_through_the_embedded_broker()
    {
        using var client = factory.CreateClient();
        var requisitionId = "req-" + Guid.NewGuid().ToString("N")[..8];
        var cloudEvent = System.Text.Json.JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            type = "hr.requisition.opened",
            source = "/ats/test",
            id = Guid.NewGuid().ToString("N"),
            time = "2026-11-27T10:00:00Z",
            datacontenttype = "application/json",
            data = new
            {
                requisitionId,
                title = "Software Engineer",
                jobDescription = "Build services in C#.",
                criteria = new[] { new { id = "csharp", text = "Professional C# experience", kind = "MustHave" } },
                openedAt = "2026-11-27T10:00:00Z",
            },
        });
        using var content = new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = content };
        request.Headers.Add("X-Events-Key", Factory.IntakeKey);

        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"intake answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        var store = factory.Services.GetRequiredService<IRequisitionStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        RequisitionState? stored = null;
        while (stored is null && DateTime.UtcNow < deadline)
        {
            stored = await store.GetAsync("default", requisitionId, CancellationToken.None);
            if (stored is null)
            {
                await Task.Delay(200);
            }
        }

        if (stored is null)
        {
            var bus = factory.Services.GetRequiredService<ServiceBusClient>();
            await using var dlq = bus.CreateReceiver("hr-events", "requisitions", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
            var dead = await dlq.PeekMessagesAsync(10);
            await using var live = bus.CreateReceiver("hr-events", "requisitions");
            var waiting = await live.PeekMessagesAsync(10);
            Assert.Fail($"not handled; dead-lettered: {string.Join(" | ", dead.Select(d => d.DeadLetterReason + ": " + d.DeadLetterErrorDescription))}; still queued: {waiting.Count}");
        }
    }

    [Fact]
    public void The_host_points_its_Service_Bus_connection_at_the_embedded_broker_and_publishes_outbound_events_there()
    {
        var configuration = factory.Services.GetRequiredService<IConfiguration>();
        var connection = configuration["AiFunctions:ServiceBus:ConnectionString"];
        Assert.NotNull(connection);
        Assert.Contains("UseDevelopmentEmulator=true", connection, StringComparison.Ordinal);
        Assert.Contains("sb://127.0.0.1:", connection, StringComparison.Ordinal);
        Assert.Equal("ServiceBus", configuration["AiFunctions:Events:Outbound:Kind"]);
        Assert.NotNull(factory.Services.GetService<ServiceBusClient>());
    }

    [Fact]
    public void Enabling_the_broker_next_to_a_configured_Service_Bus_fails_at_start_up_naming_both_settings()
    {
        using var conflicting = new ConflictingFactory();
        var error = Assert.ThrowsAny<Exception>(() => conflicting.CreateClient());
        var message = error.ToString();
        Assert.Contains("AiFunctions:DevServiceBus:Enabled", message, StringComparison.Ordinal);
        Assert.Contains("AiFunctions:ServiceBus", message, StringComparison.Ordinal);
    }

    private sealed class ConflictingFactory : InMemoryHostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["AiFunctions:DevServiceBus:Enabled"] = "true",
            ["AiFunctions:ServiceBus:ConnectionString"] = "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true;",
        };
    }
}
