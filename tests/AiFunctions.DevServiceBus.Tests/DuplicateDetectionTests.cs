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

    [Fact]
    public async Task A_message_id_is_accepted_again_once_the_history_window_has_passed()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("dedupe-window");
        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "evt-1" });
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await sender.SendMessageAsync(new ServiceBusMessage("after the window") { MessageId = "evt-1" });

        await using var receiver = client.CreateReceiver("dedupe-window", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var received = await receiver.ReceiveAtLeastAsync(2, TimeSpan.FromSeconds(5));

        Assert.Equal(["first", "after the window"], received.Select(m => m.Body.ToString()));
    }
}
