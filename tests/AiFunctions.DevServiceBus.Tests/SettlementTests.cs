using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class SettlementTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Abandon_redelivers_with_a_higher_delivery_count_and_the_modified_properties()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("abandon").SendMessageAsync(new ServiceBusMessage("retry me"));
        await using var receiver = client.CreateReceiver("abandon");

        var first = await receiver.ReceiveMessageAsync(Wait);
        Assert.NotNull(first);
        await receiver.AbandonMessageAsync(first, new Dictionary<string, object> { ["lastError"] = "timeout" });
        var second = await receiver.ReceiveMessageAsync(Wait);

        Assert.NotNull(second);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(1, first.DeliveryCount);
        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal("timeout", second.ApplicationProperties["lastError"]);
        Assert.NotEqual(first.LockToken, second.LockToken);
        await receiver.CompleteMessageAsync(second);
    }

    [Fact]
    public async Task Abandoning_past_max_delivery_count_dead_letters_with_reason_MaxDeliveryCountExceeded()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("max-delivery").SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "poison-1" });
        await using var receiver = client.CreateReceiver("max-delivery");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var message = await receiver.ReceiveMessageAsync(Wait);
            Assert.NotNull(message);
            Assert.Equal(attempt, message.DeliveryCount);
            await receiver.AbandonMessageAsync(message);
        }

        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));
        await using var deadLetters = client.CreateReceiver("max-delivery", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(Wait);

        Assert.NotNull(dead);
        Assert.Equal("poison-1", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Contains("3", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        await deadLetters.CompleteMessageAsync(dead);
    }

    [Fact]
    public async Task Explicit_dead_letter_moves_the_message_to_the_dead_letter_subqueue_with_reason_and_description()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("explicit-dlq").SendMessageAsync(new ServiceBusMessage("{not json") { MessageId = "bad-1" });
        await using var receiver = client.CreateReceiver("explicit-dlq");
        var message = await receiver.ReceiveMessageAsync(Wait);
        Assert.NotNull(message);

        await receiver.DeadLetterMessageAsync(message, "MalformedJson", "Line 1: unexpected end of input.");

        Assert.Null(await receiver.PeekMessageAsync());
        await using var deadLetters = client.CreateReceiver("explicit-dlq", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(Wait);
        Assert.NotNull(dead);
        Assert.Equal("bad-1", dead.MessageId);
        Assert.Equal("{not json", dead.Body.ToString());
        Assert.Equal("MalformedJson", dead.DeadLetterReason);
        Assert.Equal("Line 1: unexpected end of input.", dead.DeadLetterErrorDescription);
        Assert.Equal(message.SequenceNumber, dead.SequenceNumber);
        await deadLetters.CompleteMessageAsync(dead);
        Assert.Null(await deadLetters.PeekMessageAsync());
    }

    [Fact]
    public async Task Deferred_messages_are_skipped_by_receive_and_fetched_by_sequence_number()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("defer").SendMessagesAsync([new ServiceBusMessage("later"), new ServiceBusMessage("now")]);
        await using var receiver = client.CreateReceiver("defer");

        var later = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("later", later?.Body.ToString());
        await receiver.DeferMessageAsync(later!);
        var now = await receiver.ReceiveMessageAsync(Wait);
        Assert.Equal("now", now?.Body.ToString());
        await receiver.CompleteMessageAsync(now!);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));

        var peeked = await receiver.PeekMessageAsync(later!.SequenceNumber);
        Assert.Equal(ServiceBusMessageState.Deferred, peeked?.State);

        var deferred = await receiver.ReceiveDeferredMessageAsync(later.SequenceNumber);
        Assert.Equal("later", deferred.Body.ToString());
        Assert.Equal(ServiceBusMessageState.Deferred, deferred.State);
        await receiver.CompleteMessageAsync(deferred);

        var gone = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveDeferredMessageAsync(later.SequenceNumber));
        Assert.Equal(ServiceBusFailureReason.MessageNotFound, gone.Reason);
    }

    [Fact]
    public async Task Settling_through_another_receiver_uses_the_management_fallback()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("fallback").SendMessageAsync(new ServiceBusMessage("move"));
        await using var first = client.CreateReceiver("fallback");
        var message = await first.ReceiveMessageAsync(Wait);
        Assert.NotNull(message);

        await using var second = client.CreateReceiver("fallback");
        await second.CompleteMessageAsync(message); // second's link never delivered it: update-disposition by lock token

        Assert.Null(await second.PeekMessageAsync());
    }

    [Fact]
    public async Task Settling_after_the_lock_expired_through_the_fallback_reports_message_lock_lost()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("fallback-expired").SendMessageAsync(new ServiceBusMessage("slow"));
        await using var first = client.CreateReceiver("fallback-expired");
        var message = await first.ReceiveMessageAsync(Wait);
        Assert.NotNull(message);
        await Task.Delay(TimeSpan.FromSeconds(3));

        await using var second = client.CreateReceiver("fallback-expired");
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => second.CompleteMessageAsync(message));

        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
        var again = await second.ReceiveMessageAsync(Wait);
        Assert.Equal(2, again?.DeliveryCount);
        await second.CompleteMessageAsync(again!);
    }
}
