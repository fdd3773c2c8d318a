using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class SendReceiveTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Single_send_and_peek_lock_receive_round_trips_the_message_and_complete_removes_it()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("basic");
        var sent = new ServiceBusMessage(BinaryData.FromString("hello"))
        {
            MessageId = "m-1",
            CorrelationId = "corr-1",
            Subject = "greeting",
            ContentType = "text/plain",
            ApplicationProperties = { ["type"] = "hr.candidate.applied", ["attempt"] = 7 },
        };
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await sender.SendMessageAsync(sent);

        await using var receiver = client.CreateReceiver("basic");
        var received = await receiver.ReceiveMessageAsync(Wait);

        Assert.NotNull(received);
        Assert.Equal("hello", received.Body.ToString());
        Assert.Equal("m-1", received.MessageId);
        Assert.Equal("corr-1", received.CorrelationId);
        Assert.Equal("greeting", received.Subject);
        Assert.Equal("text/plain", received.ContentType);
        Assert.Equal("hr.candidate.applied", received.ApplicationProperties["type"]);
        Assert.Equal(7, received.ApplicationProperties["attempt"]);
        Assert.Equal(1, received.DeliveryCount);
        Assert.True(received.SequenceNumber > 0);
        Assert.True(received.EnqueuedTime >= before);
        Assert.True(received.LockedUntil > DateTimeOffset.UtcNow);
        Assert.NotEqual(Guid.Empty.ToString(), received.LockToken);

        await receiver.CompleteMessageAsync(received);
        Assert.Null(await receiver.ReceiveMessageAsync(Short));
        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task Receive_and_delete_removes_the_message_when_it_is_delivered()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("receive-delete");
        await sender.SendMessageAsync(new ServiceBusMessage("once"));

        await using var receiver = client.CreateReceiver("receive-delete", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var received = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal("once", received?.Body.ToString());
        Assert.Null(await receiver.ReceiveMessageAsync(Short));
        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task A_batch_of_100_messages_arrives_complete_and_in_order()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("batch");
        using var batch = await sender.CreateMessageBatchAsync();
        for (var i = 0; i < 100; i++)
        {
            Assert.True(batch.TryAddMessage(new ServiceBusMessage($"item-{i}") { MessageId = $"b-{i}" }), $"message {i} did not fit the batch");
        }

        await sender.SendMessagesAsync(batch);

        await using var receiver = client.CreateReceiver("batch");
        var received = await receiver.ReceiveAtLeastAsync(100, Wait);

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"item-{i}"), received.Select(m => m.Body.ToString()));
        Assert.Equal(received.Select(m => m.SequenceNumber).Order(), received.Select(m => m.SequenceNumber));
        Assert.Equal(100, received.Select(m => m.SequenceNumber).Distinct().Count());
        foreach (var message in received)
        {
            await receiver.CompleteMessageAsync(message);
        }

        Assert.Null(await receiver.PeekMessageAsync());
    }

    [Fact]
    public async Task A_message_larger_than_one_frame_arrives_intact()
    {
        var body = new byte[200 * 1024]; // several 64 KiB frames each way
        new Random(42).NextBytes(body);
        await using var client = broker.CreateClient();
        await client.CreateSender("large").SendMessageAsync(new ServiceBusMessage(body) { MessageId = "large" });

        await using var receiver = client.CreateReceiver("large");
        var received = await receiver.ReceiveMessageAsync(Wait);

        Assert.Equal("large", received?.MessageId);
        Assert.Equal(body, received!.Body.ToArray());
        await receiver.CompleteMessageAsync(received);
    }

    [Fact]
    public async Task Peek_returns_messages_in_sequence_order_without_locking_them()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("peek");
        await sender.SendMessagesAsync([new ServiceBusMessage("p1"), new ServiceBusMessage("p2"), new ServiceBusMessage("p3")]);

        await using var receiver = client.CreateReceiver("peek");
        var peeked = await receiver.PeekMessagesAsync(10);

        Assert.Equal(["p1", "p2", "p3"], peeked.Select(m => m.Body.ToString()));
        Assert.True(peeked[0].SequenceNumber < peeked[1].SequenceNumber && peeked[1].SequenceNumber < peeked[2].SequenceNumber);
        var fromSecond = await receiver.PeekMessagesAsync(10, peeked[1].SequenceNumber);
        Assert.Equal(["p2", "p3"], fromSecond.Select(m => m.Body.ToString()));

        var received = await receiver.ReceiveAtLeastAsync(3, Wait);
        Assert.Equal(3, received.Count); // peeking locked nothing
    }

    [Fact]
    public async Task Sending_to_an_entity_that_is_not_configured_fails_with_entity_not_found()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("no-such-queue");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }
}
