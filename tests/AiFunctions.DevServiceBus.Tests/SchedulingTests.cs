using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class SchedulingTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    static readonly TimeSpan Delay = TimeSpan.FromSeconds(4); // long enough that the "not yet" checks hold on a busy 2-core CI machine

    [Fact]
    public async Task A_scheduled_message_is_invisible_until_its_time_then_arrives()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("schedule");
        var enqueueAt = DateTimeOffset.UtcNow + Delay;
        var sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("reminder"), enqueueAt);
        await using var receiver = client.CreateReceiver("schedule");

        var peeked = await receiver.PeekMessageAsync();
        Assert.Equal(sequenceNumber, peeked?.SequenceNumber);
        Assert.Equal(ServiceBusMessageState.Scheduled, peeked?.State);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));

        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(received);
        Assert.Equal(sequenceNumber, received.SequenceNumber);
        Assert.True(DateTimeOffset.UtcNow >= enqueueAt.AddMilliseconds(-50), "delivered before its scheduled time");
        await receiver.CompleteMessageAsync(received);
    }

    [Fact]
    public async Task A_cancelled_scheduled_message_never_arrives()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("schedule-cancel");
        var sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("never"), DateTimeOffset.UtcNow + Delay);

        await sender.CancelScheduledMessageAsync(sequenceNumber);

        await using var receiver = client.CreateReceiver("schedule-cancel");
        Assert.Null(await receiver.PeekMessageAsync());
        Assert.Null(await receiver.ReceiveMessageAsync(Delay + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ScheduledEnqueueTime_on_a_plain_send_delays_the_message()
    {
        await using var client = broker.CreateClient();
        await using var sender = client.CreateSender("schedule-on-send");
        var enqueueAt = DateTimeOffset.UtcNow + Delay;
        await sender.SendMessageAsync(new ServiceBusMessage("delayed") { ScheduledEnqueueTime = enqueueAt });
        await using var receiver = client.CreateReceiver("schedule-on-send");

        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("delayed", received?.Body.ToString());
        Assert.True(DateTimeOffset.UtcNow >= enqueueAt.AddMilliseconds(-50));
        await receiver.CompleteMessageAsync(received!);
    }
}
