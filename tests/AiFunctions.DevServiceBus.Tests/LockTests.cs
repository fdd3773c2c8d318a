using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class LockTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_expired_lock_makes_the_message_available_again_and_the_old_lock_is_lost()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("lock-expiry").SendMessageAsync(new ServiceBusMessage("forgotten"));
        await using var receiver = client.CreateReceiver("lock-expiry");

        var asked = DateTimeOffset.UtcNow;
        var first = await receiver.ReceiveMessageAsync(Wait);
        Assert.NotNull(first);
        Assert.InRange(first.LockedUntil, asked, DateTimeOffset.UtcNow + TestEntities.ShortLock + TimeSpan.FromSeconds(1)); // the queue's lock, not the default minute
        var second = await receiver.ReceiveMessageAsync(Wait); // arrives once the short lock runs out

        Assert.NotNull(second);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(2, second.DeliveryCount);
        var lost = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(first));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, lost.Reason);
        await receiver.CompleteMessageAsync(second);
    }

    [Fact]
    public async Task Renewing_the_lock_extends_it_and_keeps_the_message_from_redelivery()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("lock-renew").SendMessageAsync(new ServiceBusMessage("long job"));
        await using var receiver = client.CreateReceiver("lock-renew");
        var message = await receiver.ReceiveMessageAsync(Wait);
        Assert.NotNull(message);
        var firstLock = message.LockedUntil;

        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await receiver.RenewMessageLockAsync(message);
        }

        Assert.True(message.LockedUntil > firstLock.AddSeconds(5), $"lock was {firstLock:O}, renewed to {message.LockedUntil:O}");
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));
        await receiver.CompleteMessageAsync(message);
    }
}
