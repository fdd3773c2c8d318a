using AiFunctions.Events.Contracts;
using AiFunctions.Events.Orchestration;
using AiFunctions.Events.Publishing;
using AiFunctions.Events.ServiceBus;
using AiFunctions.Events.Tests.Support;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Workflows;
using AiFunctions.Workflows.DependencyInjection;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening;
using Azure.Messaging;
using Azure.Messaging.ServiceBus;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.Tests;

/// <summary>
/// hr.candidate.applied on the hr-events topic → the screening orchestration (the workflows' real orchestrators on the
/// in-memory Durable Task host, a fake model) → ai.screening.review-required on the ai-events topic, correlation id
/// carried end to end; a duplicate delivery of the application starts nothing new.
/// </summary>
public sealed class EndToEndTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly FakeScreeningInvoker _invoker = new();
    private ServiceBusClient _client = null!;
    private DurableTaskTestHost _durable = null!;

    public async Task InitializeAsync()
    {
        _client = new ServiceBusClient(broker.ConnectionString);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AiFunctions:Storage:Store"] = "InMemory" }).Build();
        var publisher = new CloudEventWorkflowPublisher(new ServiceBusOutboundSink(_client.CreateSender("ai-events")), Options.Create(new OutboundEventOptions()));
        _durable = await DurableTaskTestHost.StartAsync(
            registry => registry.AddHrWorkflows(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddLogging();
                    services.AddHrWorkflows(configuration);
                    services.AddSingleton<IAiFunctionInvoker>(_invoker);
                    services.AddSingleton<IPiiRedactor>(new RegexPiiRedactor());
                    services.AddSingleton<IWorkflowEventPublisher>(publisher);
                },
            });
    }

    public async Task DisposeAsync()
    {
        await _durable.DisposeAsync();
        await _client.DisposeAsync();
    }

    [Fact]
    public async Task Candidate_applied_starts_one_screening_whose_review_request_is_published_with_the_correlation_id()
    {
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(new DurableTaskOrchestrationStarter(_durable.Client)));
        await using var audit = _client.CreateReceiver("ai-events", "audit");
        await using var sender = _client.CreateSender("hr-events");
        var applied = TestEvents.Create(HrEventTypes.CandidateApplied, TestEvents.Application("req-e2e", "cand-e2e"), id: "application-e2e", correlationId: "corr-e2e");

        await sender.SendMessageAsync(CloudEventMessages.ToMessage(TestEvents.Create(HrEventTypes.RequisitionOpened, TestEvents.Requisition("req-e2e"))));
        await sender.SendMessageAsync(CloudEventMessages.ToMessage(applied));
        await sender.SendMessageAsync(CloudEventMessages.ToMessage(applied)); // duplicate delivery

        CloudEvent? published = null;
        var deadline = DateTime.UtcNow + Timeout;
        while (published is null && DateTime.UtcNow < deadline)
        {
            var message = await audit.ReceiveMessageAsync(TimeSpan.FromSeconds(2));
            if (message is null)
            {
                continue;
            }

            await audit.CompleteMessageAsync(message);
            var cloudEvent = CloudEvent.Parse(message.Body)!;
            if (cloudEvent.Type == AiEventTypes.ScreeningReviewRequired)
            {
                published = cloudEvent;
            }
        }

        if (published is null)
        {
            var batchId = "app-" + Handling.EventKeys.For(TestEvents.Source, "application-e2e");
            var meta = await _durable.Client.GetInstanceAsync(WorkflowInstanceIds.Screening(batchId), getInputsAndOutputs: true);
            Assert.Fail($"no review-required; instance {meta?.RuntimeStatus} {meta?.FailureDetails?.ErrorMessage} {meta?.SerializedOutput} calls {_invoker.Calls}");
        }

        Assert.NotNull(published);
        Assert.Equal("corr-e2e", published.ExtensionAttributes[CloudEventAttributes.CorrelationId]);
        Assert.Equal(EventSchema.UriFor(AiEventTypes.ScreeningReviewRequired, 1).ToString(), published.DataSchema);
        var data = published.Data!.ToObjectFromJson<ScreeningReviewEventData>(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal("req-e2e", data.RequisitionId);
        Assert.Equal(["cand-e2e"], data.ShortlistCandidateIds);
        Assert.Equal("corr-e2e", _invoker.LastCorrelationId);

        // The duplicate delivery started nothing new: one instance, one screening call.
        var instanceId = WorkflowInstanceIds.Screening(ResourceIds.Scope("default", data.BatchId)); // the event carries the id the tenant uses
        Assert.Equal(instanceId, data.InstanceId);
        Assert.NotNull(await _durable.Client.GetInstanceAsync(instanceId));
        await Task.Delay(1000);
        Assert.Equal(1, _invoker.Calls);
    }
}
