using System.Net;
using System.Text.Json;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.DependencyInjection;
using AiFunctions.Events.Publishing;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Workflows.Events;
using Azure.Core.Pipeline;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace AiFunctions.Events.Tests;

/// <summary>Outbound: workflow events as CloudEvents, the Event Grid sink on the wire, sink selection by configuration, circuit-opened.</summary>
public sealed class PublishingTests
{
    private static WorkflowEvent ReviewRequired() => WorkflowEvent.Create(
        "screening-b1/review-required/0",
        WorkflowEventTypes.ScreeningReviewRequired,
        "screening/b1",
        DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        "contoso",
        "corr-9",
        new ScreeningReviewEventData("b1", "r1", "screening-b1", 1, ["c1"], 0, DateTimeOffset.Parse("2026-11-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_tenant_scoped_batch_key_is_published_as_the_id_the_tenant_uses()
    {
        var scoped = WorkflowEvent.Create(
            "screening-contoso.b1/review-required/0",
            WorkflowEventTypes.ScreeningReviewRequired,
            "screening/contoso.b1",
            DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            "contoso",
            "corr-9",
            new ScreeningReviewEventData("contoso.b1", "r1", "screening-contoso.b1", 1, ["c1"], 0, DateTimeOffset.Parse("2026-11-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

        var cloudEvent = CloudEventWorkflowPublisher.ToCloudEvent(scoped, "/aifunctions");

        Assert.Equal("screening/b1", cloudEvent.Subject);
        Assert.Equal("b1", JsonDocument.Parse(cloudEvent.Data!.ToString()).RootElement.GetProperty("batchId").GetString());
        Assert.Equal("contoso", cloudEvent.ExtensionAttributes[CloudEventAttributes.TenantId]);
    }

    [Fact]
    public void A_workflow_event_becomes_a_cloud_event_with_its_id_schema_and_correlation()
    {
        var cloudEvent = CloudEventWorkflowPublisher.ToCloudEvent(ReviewRequired(), "/aifunctions");

        Assert.Equal("screening-b1/review-required/0", cloudEvent.Id);
        Assert.Equal(("/aifunctions", WorkflowEventTypes.ScreeningReviewRequired, "screening/b1"), (cloudEvent.Source, cloudEvent.Type, cloudEvent.Subject));
        Assert.Equal("https://schemas.aifunctions.dev/events/ai.screening.review-required/v1.json", cloudEvent.DataSchema);
        Assert.Equal("corr-9", cloudEvent.ExtensionAttributes[CloudEventAttributes.CorrelationId]);
        Assert.Equal("contoso", cloudEvent.ExtensionAttributes[CloudEventAttributes.TenantId]);
        Assert.Equal("b1", JsonDocument.Parse(cloudEvent.Data!.ToString()).RootElement.GetProperty("batchId").GetString());
    }

    [Fact]
    public async Task The_event_grid_sink_posts_cloud_events_with_the_topic_key()
    {
        var wire = new RecordingHttpHandler();
        var client = new EventGridPublisherClient(
            new Uri("https://topic.example.invalid/api/events"),
            new Azure.AzureKeyCredential("topic-key"),
            new EventGridPublisherClientOptions { Transport = new HttpClientTransport(new HttpClient(wire)), Retry = { MaxRetries = 0 } });
        var publisher = new CloudEventWorkflowPublisher(new EventGridOutboundSink(client), Options.Create(new OutboundEventOptions()));

        await publisher.PublishAsync(ReviewRequired());

        var request = Assert.Single(wire.Requests);
        Assert.Equal("topic-key", request.Key);
        Assert.StartsWith("application/cloudevents-batch+json", request.ContentType, StringComparison.Ordinal);
        var sent = Assert.Single(CloudEvent.ParseMany(BinaryData.FromString(request.Body)));
        Assert.Equal("screening-b1/review-required/0", sent.Id);
        Assert.Equal("corr-9", sent.ExtensionAttributes[CloudEventAttributes.CorrelationId]?.ToString());
    }

    [Theory]
    [InlineData("None", typeof(LoggingOutboundSink))]
    [InlineData("EventGrid", typeof(EventGridOutboundSink))]
    [InlineData("ServiceBus", typeof(ServiceBusOutboundSink))]
    public async Task The_sink_is_chosen_by_configuration(string kind, Type expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AiFunctions:Events:Outbound:Kind"] = kind,
            ["AiFunctions:Events:Outbound:TopicEndpoint"] = "https://topic.example.invalid/api/events",
            ["AiFunctions:Events:Outbound:TopicKey"] = "k",
            ["AiFunctions:ServiceBus:ConnectionString"] = "Endpoint=sb://127.0.0.1:1;SharedAccessKeyName=x;SharedAccessKey=y;UseDevelopmentEmulator=true;",
            ["AiFunctions:Events:ServiceBus:ProcessorsEnabled"] = "false",
            ["AiFunctions:Storage:Store"] = "InMemory",
        };
        var services = new ServiceCollection().AddLogging();
        services.AddHrEvents(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await using var provider = services.BuildServiceProvider();

        Assert.IsType(expected, Assert.IsType<AiFunctions.Events.Tracking.RecordingOutboundSink>(provider.GetRequiredService<IOutboundEventSink>()).Inner);
        Assert.IsType<CloudEventWorkflowPublisher>(provider.GetRequiredService<IWorkflowEventPublisher>());
    }

    [Fact]
    public void Event_grid_without_an_endpoint_is_a_start_up_error_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AiFunctions:Events:Outbound:Kind"] = "EventGrid" }).Build();

        var ex = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddHrEvents(configuration));

        Assert.Contains("AiFunctions:Events:Outbound:TopicEndpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_circuit_opening_in_the_kernel_is_published_as_ai_provider_circuit_opened()
    {
        var health = new Mock<ITargetHealth>();
        var sink = new CapturingOutboundSink();
        using var publisher = new CircuitOpenedPublisher(health.Object, sink, Options.Create(new OutboundEventOptions()), NullLogger<CircuitOpenedPublisher>.Instance);
        await publisher.StartAsync(default);
        await Support.Wait.UntilAsync(() => health.Invocations.Any(i => i.Method.Name == "add_CircuitOpened"), TimeSpan.FromSeconds(5), "the subscription");
        var openedAt = DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        health.Raise(h => h.CircuitOpened += null, health.Object, new CircuitOpenedEventArgs("local/hr-rules-v1", "local", "hr-rules-v1", TimeSpan.FromSeconds(30), "Unavailable (HTTP 503)", openedAt));
        await Support.Wait.UntilAsync(() => !sink.Events.IsEmpty, TimeSpan.FromSeconds(5), "the event");
        await publisher.StopAsync(default);

        var cloudEvent = Assert.Single(sink.Events);
        Assert.Equal(AiEventTypes.ProviderCircuitOpened, cloudEvent.Type);
        var data = cloudEvent.Data!.ToObjectFromJson<ProviderCircuitOpenedV1>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(("local/hr-rules-v1", openedAt.AddSeconds(30), "Unavailable (HTTP 503)"), (data.Target, data.BreakUntil, data.Reason));
        Assert.Equal(CircuitOpenedPublisher.ToCloudEvent(new CircuitOpenedEventArgs("local/hr-rules-v1", "local", "hr-rules-v1", TimeSpan.FromSeconds(30), null, openedAt), "/aifunctions").Id, cloudEvent.Id);
    }

    private sealed class CapturingOutboundSink : IOutboundEventSink
    {
        public System.Collections.Concurrent.ConcurrentQueue<CloudEvent> Events { get; } = new();

        public Task SendAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken)
        {
            foreach (var e in events)
            {
                Events.Enqueue(e);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class RecordingHttpHandler : HttpMessageHandler
    {
        public List<(string? Key, string? ContentType, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Headers.TryGetValues("aeg-sas-key", out var key) ? key.Single() : null, request.Content?.Headers.ContentType?.ToString(), body));
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
