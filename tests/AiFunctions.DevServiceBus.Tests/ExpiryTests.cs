using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class ExpiryTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    static readonly TimeSpan PastExpiry = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task An_expired_message_is_dead_lettered_when_the_queue_says_so()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("ttl-dlq").SendMessageAsync(new ServiceBusMessage("stale") { MessageId = "stale-1", TimeToLive = TimeSpan.FromSeconds(1) });
        await Task.Delay(PastExpiry);

        await using var receiver = client.CreateReceiver("ttl-dlq");
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));
        await using var deadLetters = client.CreateReceiver("ttl-dlq", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("stale-1", dead?.MessageId);
        Assert.Equal("TTLExpiredException", dead?.DeadLetterReason);
        await deadLetters.CompleteMessageAsync(dead!);
    }

    [Fact]
    public async Task An_expired_message_is_dropped_when_dead_lettering_on_expiration_is_off()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("ttl-drop").SendMessageAsync(new ServiceBusMessage("stale") { TimeToLive = TimeSpan.FromSeconds(1) });
        await Task.Delay(PastExpiry);

        await using var receiver = client.CreateReceiver("ttl-drop");
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));
        await using var deadLetters = client.CreateReceiver("ttl-drop", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.Null(await deadLetters.PeekMessageAsync());
    }

    [Fact]
    public async Task The_queue_default_time_to_live_applies_to_messages_that_set_none()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("ttl-default").SendMessageAsync(new ServiceBusMessage("no ttl of its own"));
        await Task.Delay(PastExpiry);

        await using var receiver = client.CreateReceiver("ttl-default");
        Assert.Null(await receiver.PeekMessageAsync());
        await using var deadLetters = client.CreateReceiver("ttl-default", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        Assert.Equal("TTLExpiredException", (await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(5)))?.DeadLetterReason);
    }
}
