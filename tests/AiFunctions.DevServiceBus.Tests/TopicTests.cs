using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class TopicTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_topic_message_fans_out_to_each_of_three_subscriptions()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("fan-out").SendMessageAsync(new ServiceBusMessage("broadcast") { MessageId = "fan-1" });

        foreach (var subscription in (string[])["s1", "s2", "s3"])
        {
            await using var receiver = client.CreateReceiver("fan-out", subscription);
            var received = await receiver.ReceiveMessageAsync(Wait);
            Assert.Equal("fan-1", received?.MessageId);
            await receiver.CompleteMessageAsync(received!);
            Assert.Null(await receiver.PeekMessageAsync());
        }
    }

    [Fact]
    public async Task Settling_in_one_subscription_leaves_the_copies_in_the_others()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("fan-out").SendMessageAsync(new ServiceBusMessage("independent") { MessageId = "fan-2" });
        await using var first = client.CreateReceiver("fan-out", "s1");
        var message = await first.ReceiveMessageAsync(Wait);
        await first.DeadLetterMessageAsync(message!, "Rejected", "only in s1");

        await using var second = client.CreateReceiver("fan-out", "s2");
        var copy = await second.ReceiveMessageAsync(Wait);
        Assert.Equal("fan-2", copy?.MessageId);
        Assert.Equal(1, copy?.DeliveryCount);
        await second.CompleteMessageAsync(copy!);
        await using var third = client.CreateReceiver("fan-out", "s3");
        await third.CompleteMessageAsync((await third.ReceiveMessageAsync(Wait))!);
        await using var s1DeadLetters = client.CreateReceiver("fan-out", "s1", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.Equal("only in s1", (await s1DeadLetters.ReceiveMessageAsync(Wait))?.DeadLetterErrorDescription);
    }

    [Fact]
    public async Task Correlation_rules_route_by_the_type_application_property()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("filtered").SendMessagesAsync(
        [
            Typed("hr.candidate.applied"),
            Typed("hr.requisition.opened"),
            Typed("hr.requisition.closed"),
            Typed("hr.employee.hired"),
        ]);

        Assert.Equal(["hr.candidate.applied"], await TypesIn(client, "applied", 1));
        Assert.Equal(["hr.requisition.opened", "hr.requisition.closed"], await TypesIn(client, "requisitions", 2));
        Assert.Equal(4, (await TypesIn(client, "everything", 4)).Count);
    }

    static ServiceBusMessage Typed(string type) => new(type) { ApplicationProperties = { ["type"] = type } };

    static async Task<List<string>> TypesIn(ServiceBusClient client, string subscription, int expected)
    {
        await using var receiver = client.CreateReceiver("filtered", subscription, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var received = await receiver.ReceiveAtLeastAsync(expected, Wait);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300)));
        return received.Select(m => (string)m.ApplicationProperties["type"]).ToList();
    }
}
