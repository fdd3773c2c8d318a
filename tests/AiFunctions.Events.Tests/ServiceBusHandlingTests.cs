using AiFunctions.Events.Contracts;
using AiFunctions.Events.DeadLetters;
using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Orchestration;
using AiFunctions.Events.ServiceBus;
using AiFunctions.Events.Tests.Support;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.ServiceBus;
using AiFunctions.Events.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Events.Tests;

/// <summary>
/// The processor-hosted handlers on the dev broker through the real Service Bus SDK: poison → DLQ with a reason,
/// transient → retried, max delivery count → DLQ, lock renewal for a slow handler, replay from the DLQ, and the HTTP
/// intake forwarding to the topic.
/// </summary>
public sealed class ServiceBusHandlingTests(BrokerFixture broker) : IClassFixture<BrokerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private ServiceBusClient _client = null!;

    public Task InitializeAsync()
    {
        _client = new ServiceBusClient(broker.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private async Task SendAsync(string entity, ServiceBusMessage message)
    {
        await using var sender = _client.CreateSender(entity);
        await sender.SendMessageAsync(message);
    }

    private static ServiceBusMessage Raw(string body, string type, string messageId)
    {
        var message = new ServiceBusMessage(BinaryData.FromString(body)) { MessageId = messageId, ContentType = CloudEventMessages.ContentType };
        message.ApplicationProperties[CloudEventMessages.TypeProperty] = type;
        return message;
    }

    private static async Task<DeadLetteredMessage> WaitForDeadLetterAsync(DeadLetterService dlq, string entity, string messageId)
    {
        DeadLetteredMessage? found = null;
        await Wait.UntilAsync(async () => (found = (await dlq.ListAsync(entity, 500, default)).FirstOrDefault(m => m.MessageId == messageId)) is not null, Timeout, $"{messageId} in the DLQ of {entity}");
        return found!;
    }

    [Fact]
    public async Task Poison_messages_are_dead_lettered_at_once_with_a_reason_that_says_what_was_wrong()
    {
        var handler = new RecordingHandler();
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(new RecordingStarter()), handler);
        var dlq = host.Services.GetRequiredService<DeadLetterService>();
        var unsupported = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1"), version: 7);
        var invalid = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c1") with { EmployeeId = null });
        var unknown = TestEvents.Create("hr.payroll.changed", new { amount = 1 });

        await SendAsync("hr-events", Raw("{\"specversion\":", HrEventTypes.EmployeeHired, "poison-json"));
        await SendAsync("hr-events", Raw(TestEvents.Json(unsupported).ToString(), HrEventTypes.EmployeeHired, "poison-version"));
        await SendAsync("hr-events", Raw(TestEvents.Json(invalid).ToString(), HrEventTypes.EmployeeHired, "poison-invalid"));
        await SendAsync("screening-requests", Raw(TestEvents.Json(unknown).ToString(), "hr.payroll.changed", "poison-type"));

        var json = await WaitForDeadLetterAsync(dlq, "hr-events:employees", "poison-json");
        var version = await WaitForDeadLetterAsync(dlq, "hr-events:employees", "poison-version");
        var data = await WaitForDeadLetterAsync(dlq, "hr-events:employees", "poison-invalid");
        var type = await WaitForDeadLetterAsync(dlq, "screening-requests", "poison-type");

        Assert.Equal(DeadLetterReasons.MalformedJson, json.DeadLetterReason);
        Assert.Equal(DeadLetterReasons.UnsupportedSchemaVersion, version.DeadLetterReason);
        Assert.Contains("v7", version.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal(DeadLetterReasons.ValidationFailed, data.DeadLetterReason);
        Assert.Contains("'employeeId' is required", data.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal(DeadLetterReasons.UnknownEventType, type.DeadLetterReason);
        Assert.All([json, version, data, type], m => Assert.Equal(1, m.DeliveryCount));

        // Each entry names the CloudEvent it was (id, source, type), not only the hashed message id; a body that is
        // not JSON has none to name.
        Assert.Equal((invalid.Id, invalid.Source, HrEventTypes.EmployeeHired), (data.EventId, data.EventSource, data.EventType));
        Assert.Equal((unknown.Id, unknown.Source, "hr.payroll.changed"), (type.EventId, type.EventSource, type.EventType));
        Assert.Null(json.EventId);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task Erasure_deletes_the_dead_lettered_events_that_carry_the_candidate_in_that_tenant_and_keeps_every_other()
    {
        // The host is built, not started: no processor competes for the messages this test dead-letters itself.
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(EventsHost.Settings(broker.ConnectionString));
        builder.Services.AddSingleton<IOrchestrationStarter>(new RecordingStarter());
        builder.Services.AddHrEvents(builder.Configuration);
        using var host = builder.Build();
        var dlq = host.Services.GetRequiredService<DeadLetterService>();
        var binding = host.Services.GetRequiredService<EventEntityMap>().Bindings.First(b => b.EventTypes.Contains(HrEventTypes.CandidateApplied));
        var candidate = "c-erase-" + Guid.NewGuid().ToString("N")[..6];

        // Applications carrying a name and a resume, dead-lettered as an invalid one would be.
        CloudEvent Application(string candidateId, string? tenant)
        {
            var cloudEvent = TestEvents.Create(HrEventTypes.CandidateApplied, TestEvents.Application("r1", candidateId) with { ApplicationId = null });
            if (tenant is not null)
            {
                cloudEvent.ExtensionAttributes[CloudEventAttributes.TenantId] = tenant;
            }

            return cloudEvent;
        }

        var mine = Application(candidate, "contoso");
        var mineAgain = Application(candidate, "contoso");
        var otherTenant = Application(candidate, "fabrikam");
        var otherCandidate = Application(candidate + "x", "contoso");
        var defaultTenant = Application(candidate, null);
        var all = new[] { mine, mineAgain, otherTenant, otherCandidate, defaultTenant };
        foreach (var cloudEvent in all)
        {
            await SendAsync(binding.EntityName, CloudEventMessages.ToMessage(cloudEvent));
        }

        await using (var receiver = binding.SubscriptionName is null ? _client.CreateReceiver(binding.EntityName) : _client.CreateReceiver(binding.EntityName, binding.SubscriptionName))
        {
            var wanted = all.Select(e => EventKeys.For(e.Source, e.Id)).ToHashSet();
            var done = 0;
            for (var i = 0; i < 50 && done < all.Length; i++)
            {
                foreach (var message in await receiver.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(1)))
                {
                    if (wanted.Contains(message.MessageId))
                    {
                        await receiver.DeadLetterMessageAsync(message, DeadLetterReasons.ValidationFailed, "'applicationId' is required.");
                        done++;
                    }
                    else
                    {
                        await receiver.AbandonMessageAsync(message);
                    }
                }
            }

            Assert.Equal(all.Length, done);
        }

        async Task<HashSet<string?>> DeadLetteredIdsAsync()
        {
            var ids = new HashSet<string?>();
            foreach (var entity in dlq.Entities)
            {
                ids.UnionWith((await dlq.ListAsync(entity, 500, default)).Select(m => m.EventId));
            }

            return ids;
        }

        Assert.Superset(all.Select(e => (string?)e.Id).ToHashSet(), await DeadLetteredIdsAsync());

        var deleted = await dlq.PurgeAsync(m => DeadLetterService.CarriesCandidate(m.Body, "contoso", candidate), default);

        Assert.Equal(2, deleted);
        var left = await DeadLetteredIdsAsync();
        Assert.DoesNotContain(mine.Id, left);
        Assert.DoesNotContain(mineAgain.Id, left);
        Assert.Contains(otherTenant.Id, left);
        Assert.Contains(otherCandidate.Id, left);
        Assert.Contains(defaultTenant.Id, left);
        Assert.Equal(1, await dlq.PurgeAsync(m => DeadLetterService.CarriesCandidate(m.Body, CloudEventAttributes.DefaultTenant, candidate), default));
        Assert.Equal(0, await dlq.PurgeAsync(m => DeadLetterService.CarriesCandidate(m.Body, "contoso", candidate), default));
    }

    [Theory]
    [InlineData("{\"tenantid\":\"contoso\",\"data\":{\"candidateId\":\"c-1\"}}", true)]
    [InlineData("{\"tenantid\":\"contoso\",\"data\":{\"CandidateId\":\"c-1\"}}", true)]
    [InlineData("{\"tenantid\":\"contoso\",\"data\":{\"candidates\":[{\"candidateId\":\"c-0\"},{\"candidateId\":\"c-1\"}]}}", true)]
    [InlineData("{\"tenantid\":\"contoso\",\"data\":{\"candidateId\":\"c-10\"}}", false)]
    [InlineData("{\"tenantid\":\"fabrikam\",\"data\":{\"candidateId\":\"c-1\"}}", false)]
    [InlineData("{\"data\":{\"candidateId\":\"c-1\"}}", false)]
    [InlineData("{\"tenantid\":\"contoso\",\"data\":\"c-1\"}", false)]
    [InlineData("[1,2]", false)]
    [InlineData("{\"specversion\":", false)]
    public void Whether_a_dead_lettered_body_carries_a_candidate_is_read_from_its_tenant_and_data_only(string body, bool carries) =>
        Assert.Equal(carries, DeadLetterService.CarriesCandidate(BinaryData.FromString(body), "contoso", "c-1"));

    [Fact]
    public async Task A_transient_failure_is_abandoned_redelivered_and_then_succeeds()
    {
        var handler = new RecordingHandler { FailuresBeforeSuccess = 2 };
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(new RecordingStarter()), handler);
        var cloudEvent = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c-transient"), id: "transient-1");

        await SendAsync("hr-events", CloudEventMessages.ToMessage(cloudEvent));
        await handler.FirstSuccess.Task.WaitAsync(Timeout);

        Assert.Equal(3, handler.Calls);
        Assert.Equal("transient-1", Assert.Single(handler.Handled).Id);
        var dlq = host.Services.GetRequiredService<DeadLetterService>();
        Assert.DoesNotContain(await dlq.ListAsync("hr-events:employees", 500, default), m => m.MessageId == EventKeys.For(TestEvents.Source, "transient-1"));
    }

    [Fact]
    public async Task A_message_failing_transiently_on_every_delivery_is_dead_lettered_on_its_last_delivery_with_the_real_cause_and_can_be_replayed()
    {
        var handler = new RecordingHandler { FailuresBeforeSuccess = int.MaxValue };
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(new RecordingStarter()), handler);
        var dlq = host.Services.GetRequiredService<DeadLetterService>();
        var cloudEvent = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c-poison"), id: "always-fails");
        var messageId = EventKeys.For(TestEvents.Source, "always-fails");

        await SendAsync("hr-events", CloudEventMessages.ToMessage(cloudEvent));
        var dead = await WaitForDeadLetterAsync(dlq, "hr-events:employees", messageId);

        // Not MaxDeliveryCountExceeded with no cause: the real reason, on the last of the 5 deliveries (Config.json).
        Assert.Equal("DependencyUnavailable", dead.DeadLetterReason);
        Assert.Contains("Still failing after 5 deliveries", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("timed out", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal(5, handler.Calls);
        Assert.Equal(HrEventTypes.EmployeeHired, dead.EventType);

        // The cause is fixed: replay it.
        handler.FailuresBeforeSuccess = 0;
        var result = await dlq.ReplayAsync("hr-events:employees", messageId, default);
        await handler.FirstSuccess.Task.WaitAsync(Timeout);

        Assert.Equal([messageId], result.MessageIds);
        Assert.Equal("always-fails", Assert.Single(handler.Handled).Id);
        Assert.DoesNotContain(await dlq.ListAsync("hr-events:employees", 500, default), m => m.MessageId == messageId);
    }

    [Fact]
    public async Task A_permanent_failure_is_dead_lettered_on_its_first_delivery_with_the_cause_and_what_to_fix()
    {
        var handler = new RecordingHandler
        {
            FailuresBeforeSuccess = int.MaxValue,
            Failure = _ => new Azure.RequestFailedException(400, "The property value exceeds the maximum allowed size (64KB). Jane Doe's resume ...", "PropertyValueTooLarge", null),
        };
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(new RecordingStarter()), handler);
        var dlq = host.Services.GetRequiredService<DeadLetterService>();
        var cloudEvent = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c-too-large"), id: "too-large-1");
        var messageId = EventKeys.For(TestEvents.Source, "too-large-1");

        await SendAsync("hr-events", CloudEventMessages.ToMessage(cloudEvent));
        var dead = await WaitForDeadLetterAsync(dlq, "hr-events:employees", messageId);

        Assert.Equal("StorageRejected", dead.DeadLetterReason);
        Assert.Contains("PropertyValueTooLarge (HTTP 400)", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Contains("64 KiB", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Doe", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.Equal(1, dead.DeliveryCount);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Replaying_everything_replays_each_message_once_even_when_its_cause_is_not_fixed()
    {
        var handler = new RecordingHandler
        {
            FailuresBeforeSuccess = int.MaxValue,
            Failure = _ => new Azure.RequestFailedException(400, "The property value exceeds the maximum allowed size (64KB).", "PropertyValueTooLarge", null),
        };
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(new RecordingStarter()), handler);
        var dlq = host.Services.GetRequiredService<DeadLetterService>();
        var messageId = EventKeys.For(TestEvents.Source, "still-broken-1");
        await SendAsync("hr-events", CloudEventMessages.ToMessage(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c-broken"), id: "still-broken-1")));
        var first = await WaitForDeadLetterAsync(dlq, "hr-events:employees", messageId);
        await Wait.UntilAsync(() => handler.Calls == 1, Timeout, "the first delivery");

        // The cause is not fixed: the replayed copy is dead-lettered again at once. Replay-all must not pick it up again.
        var result = await dlq.ReplayAsync("hr-events:employees", null, default);

        Assert.Equal([messageId], result.MessageIds.Where(id => id == messageId));
        await Wait.UntilAsync(async () => (await dlq.ListAsync("hr-events:employees", 500, default)).Any(m => m.MessageId == messageId && m.SequenceNumber > first.SequenceNumber), Timeout, "the copy to be dead-lettered again");
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task Replaying_everything_returns_every_dead_lettered_message_to_its_queue()
    {
        var handler = new RecordingHandler();
        var starter = new RecordingStarter();
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(starter), handler);
        var dlq = host.Services.GetRequiredService<DeadLetterService>();

        // Two batch requests for a requisition nobody opened: transient until the last delivery, then dead-lettered with that cause.
        var requests = Enumerable.Range(1, 2).Select(i => TestEvents.Create(HrEventTypes.ScreeningRequested, new ScreeningRequestedV1
        {
            BatchId = $"replay-batch-{i}",
            RequisitionId = "r-replay",
            Candidates = [new CandidateV1("c1", "Sam Doe", "Python and SQL.", null)],
        }, id: $"replay-{i}")).ToList();
        foreach (var request in requests)
        {
            await SendAsync("screening-requests", CloudEventMessages.ToMessage(request));
        }

        foreach (var request in requests)
        {
            var dead = await WaitForDeadLetterAsync(dlq, "screening-requests", EventKeys.For(TestEvents.Source, request.Id));
            Assert.Equal(EventFailures.RequisitionNotYetKnown, dead.DeadLetterReason);
            Assert.Contains("send hr.requisition.opened and replay it", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        }

        // The requisition arrives; replay all.
        await SendAsync("hr-events", CloudEventMessages.ToMessage(TestEvents.Create(HrEventTypes.RequisitionOpened, TestEvents.Requisition("r-replay"))));
        await Task.Delay(500);
        var result = await dlq.ReplayAsync("screening-requests", null, default);

        Assert.True(result.Replayed >= 2);
        await Wait.UntilAsync(() => starter.Started.ContainsKey("screening-default.replay-batch-1") && starter.Started.ContainsKey("screening-default.replay-batch-2"), Timeout, "both batches to start");
        var remaining = await dlq.ListAsync("screening-requests", 500, default);
        Assert.DoesNotContain(remaining, m => requests.Any(r => EventKeys.For(TestEvents.Source, r.Id) == m.MessageId));
    }

    [Fact]
    public async Task A_slow_handler_keeps_its_message_locked_past_the_lock_duration()
    {
        var handler = new RecordingHandler { Delay = BrokerFixture.ShortLock * 2.5 };
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(new RecordingStarter()), handler);
        var cloudEvent = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c-slow"), id: "slow-1");

        await SendAsync("hr-events", CloudEventMessages.ToMessage(cloudEvent));
        await handler.FirstSuccess.Task.WaitAsync(Timeout);
        await Task.Delay(BrokerFixture.ShortLock + TimeSpan.FromSeconds(1));

        // Renewed, not expired: one delivery, one call, and the message was completed (it is neither redelivered nor dead-lettered).
        Assert.Equal(1, handler.Calls);
        await using var receiver = _client.CreateReceiver("hr-events", "employees");
        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    [Fact]
    public async Task Events_posted_to_the_intake_reach_their_handler_through_the_topic()
    {
        var handler = new RecordingHandler();
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(new RecordingStarter()), handler);
        var intake = host.Services.GetRequiredService<EventIntake>();
        var gridEvents = new[] { new EventGridEvent("employees/e1", HrEventTypes.EmployeeHired, "1.0", TestEvents.Hire("r1", "c-intake")) { Id = "grid-1" } };

        var response = await intake.HandleAsync(new WebhookRequest("POST", _ => null, n => n == "code" ? "k" : null, "application/json", BinaryData.FromObjectAsJson(gridEvents)), default);
        await handler.FirstSuccess.Task.WaitAsync(Timeout);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("grid-1", Assert.Single(handler.Handled).Id);
    }

    [Fact]
    public async Task A_cloudevents_batch_larger_than_one_service_bus_message_is_split_across_messages_and_every_event_arrives()
    {
        var handler = new RecordingHandler();
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(new RecordingStarter()), handler);
        var intake = host.Services.GetRequiredService<EventIntake>();

        // Six events of ~60 KB: 360 KB together, over the broker's 256 KiB message (and batch) limit, each well under it.
        var events = Enumerable.Range(0, 6).Select(i => Padded(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", $"c-split-{i}"), id: $"split-{i}-{Guid.NewGuid():N}"), 60_000)).ToArray();
        var body = BinaryData.FromString("[" + string.Join(",", events.Select(e => TestEvents.Json(e).ToString())) + "]");
        Assert.True(body.ToMemory().Length > 256 * 1024);

        var response = await intake.HandleAsync(new WebhookRequest("POST", _ => null, n => n == "code" ? "k" : null, EventIntake.CloudEventsBatchContentType, body), default);

        Assert.Equal(200, response.StatusCode);
        await Wait.UntilAsync(() => Task.FromResult(handler.Handled.Count >= events.Length), Timeout, "all six events handled");
        Assert.Equal(events.Select(e => e.Id).Order(), handler.Handled.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task An_event_larger_than_a_service_bus_message_is_413_naming_the_limit_and_nothing_of_the_request_is_sent()
    {
        var handler = new RecordingHandler();
        using var host = await EventsHost.StartAsync(broker.ConnectionString, s => s.AddSingleton<IOrchestrationStarter>(new RecordingStarter()), handler);
        var intake = host.Services.GetRequiredService<EventIntake>();
        var small = TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c-small"), id: "small-" + Guid.NewGuid().ToString("N"));
        var huge = Padded(TestEvents.Create(HrEventTypes.EmployeeHired, TestEvents.Hire("r1", "c-huge"), id: "huge-" + Guid.NewGuid().ToString("N")), 300_000);
        var body = BinaryData.FromString("[" + TestEvents.Json(small) + "," + TestEvents.Json(huge) + "]");

        var response = await intake.HandleAsync(new WebhookRequest("POST", _ => null, n => n == "code" ? "k" : null, EventIntake.CloudEventsBatchContentType, body), default);

        Assert.Equal(413, response.StatusCode);
        Assert.Equal("MessageSizeExceeded", response.ProblemTitle);
        Assert.Contains(huge.Id, response.ProblemDetail, StringComparison.Ordinal);
        Assert.Contains((256 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), response.ProblemDetail, StringComparison.Ordinal);
        Assert.Contains("POST /api/resumes", response.ProblemDetail, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(handler.Handled);
    }

    /// <summary>The event with an extension attribute of <paramref name="characters"/> ASCII characters: large, and still a valid event.</summary>
    private static CloudEvent Padded(CloudEvent cloudEvent, int characters)
    {
        cloudEvent.ExtensionAttributes["padding"] = new string('x', characters);
        return cloudEvent;
    }
}
