using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class ProcessorTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task A_processor_with_auto_complete_handles_every_message_once_and_empties_the_queue()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("processor").SendMessagesAsync(Enumerable.Range(0, 20).Select(i => new ServiceBusMessage($"job-{i}") { MessageId = $"job-{i}" }));
        var handled = new ConcurrentDictionary<string, int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var processor = client.CreateProcessor("processor", new ServiceBusProcessorOptions { MaxConcurrentCalls = 4 });
        processor.ProcessMessageAsync += args =>
        {
            if (handled.AddOrUpdate(args.Message.MessageId, 1, (_, n) => n + 1) == 1 && handled.Count == 20)
            {
                all.TrySetResult();
            }

            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;
        await processor.StartProcessingAsync();
        await all.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(await client.BecomesEmptyAsync("processor"), "auto-complete left messages in the queue");
        await processor.StopProcessingAsync();

        Assert.Equal(20, handled.Count);
        Assert.All(handled.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task A_handler_that_throws_makes_the_processor_abandon_and_the_message_comes_back()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("processor-retry").SendMessageAsync(new ServiceBusMessage("flaky"));
        var attempts = new ConcurrentQueue<int>();
        var succeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var processor = client.CreateProcessor("processor-retry");
        processor.ProcessMessageAsync += args =>
        {
            attempts.Enqueue(args.Message.DeliveryCount);
            if (args.Message.DeliveryCount == 1)
            {
                throw new TimeoutException("transient failure");
            }

            succeeded.TrySetResult();
            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;
        await processor.StartProcessingAsync();
        await succeeded.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(await client.BecomesEmptyAsync("processor-retry"), "the second attempt was not completed");
        await processor.StopProcessingAsync();

        Assert.Equal([1, 2], attempts);
    }

    [Fact]
    public async Task A_slow_handler_keeps_its_lock_by_renewal_and_the_message_is_completed_exactly_once()
    {
        await using var client = broker.CreateClient();
        await client.CreateSender("slow-handler").SendMessageAsync(new ServiceBusMessage("slow"));
        var calls = 0;
        var errors = new ConcurrentQueue<Exception>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var processor = client.CreateProcessor("slow-handler", new ServiceBusProcessorOptions { MaxAutoLockRenewalDuration = TimeSpan.FromMinutes(1) });
        processor.ProcessMessageAsync += async args =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(TestEntities.ShortLock * 2.5); // well past the short lock
            done.TrySetResult();
        };
        processor.ProcessErrorAsync += args =>
        {
            errors.Enqueue(args.Exception);
            return Task.CompletedTask;
        };
        await processor.StartProcessingAsync();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await client.BecomesEmptyAsync("slow-handler"), "the slow message was not completed");
        await Task.Delay(TestEntities.ShortLock + TimeSpan.FromSeconds(1)); // a redelivery would show up here
        await processor.StopProcessingAsync();

        Assert.Equal(1, calls);
        Assert.Empty(errors);
    }
}
