using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class DuplicateDetectionTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task A_queue_with_duplicate_detection_keeps_one_message_per_message_id()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("dedupe");
        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "evt-1" });
        await sender.SendMessageAsync(new ServiceBusMessage("again") { MessageId = "evt-1" });
        await sender.SendMessageAsync(new ServiceBusMessage("other") { MessageId = "evt-2" });

        await using var receiver = client.CreateReceiver("dedupe", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var received = await receiver.ReceiveAtLeastAsync(3, TimeSpan.FromSeconds(3));

        Assert.Equal(["first", "other"], received.Select(m => m.Body.ToString()));
    }
}
