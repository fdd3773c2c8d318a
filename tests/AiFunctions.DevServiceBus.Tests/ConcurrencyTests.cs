using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using Xunit;
using Xunit.Abstractions;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class ConcurrencyTests(BrokerFixture broker, ITestOutputHelper output) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Concurrent_senders_and_competing_consumers_handle_every_message_exactly_once()
    {
        const int senders = 4;
        const int perSender = 250;
        var handled = new ConcurrentDictionary<string, int>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var consumerClientA = broker.CreateClient();
        await using var consumerClientB = broker.CreateClient();
        await using var processorA = consumerClientA.CreateProcessor("concurrency", new ServiceBusProcessorOptions { MaxConcurrentCalls = 4 });
        await using var processorB = consumerClientB.CreateProcessor("concurrency", new ServiceBusProcessorOptions { MaxConcurrentCalls = 4, PrefetchCount = 20 });
        foreach (var processor in new[] { processorA, processorB })
        {
            processor.ProcessMessageAsync += args =>
            {
                handled.AddOrUpdate(args.Message.MessageId, 1, (_, n) => n + 1);
                if (handled.Count == senders * perSender)
                {
                    all.TrySetResult();
                }

                return Task.CompletedTask;
            };
            processor.ProcessErrorAsync += _ => Task.CompletedTask;
            await processor.StartProcessingAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, senders).Select(async s =>
        {
            await using var client = broker.CreateClient();
            await using var sender = client.CreateSender("concurrency");
            for (var i = 0; i < perSender; i += 25)
            {
                if (i % 50 == 0)
                {
                    await sender.SendMessagesAsync(Enumerable.Range(i, 25).Select(n => new ServiceBusMessage($"{s}-{n}") { MessageId = $"{s}-{n}" }));
                }
                else
                {
                    await Task.WhenAll(Enumerable.Range(i, 25).Select(n => sender.SendMessageAsync(new ServiceBusMessage($"{s}-{n}") { MessageId = $"{s}-{n}" })));
                }
            }
        }));

        await all.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await consumerClientA.BecomesEmptyAsync("concurrency"), "completions were lost");
        await processorA.StopProcessingAsync();
        await processorB.StopProcessingAsync();

        Assert.Equal(senders * perSender, handled.Count);
        Assert.All(handled, pair => Assert.Equal(1, pair.Value));
    }

    [Fact]
    public async Task Throughput_sanity_messages_sent_and_completed_through_the_real_client()
    {
        const int total = 5000;
        var completed = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = broker.CreateClient();
        await using var processor = client.CreateProcessor("throughput", new ServiceBusProcessorOptions { MaxConcurrentCalls = 16, PrefetchCount = 100 });
        processor.ProcessMessageAsync += _ =>
        {
            if (Interlocked.Increment(ref completed) == total)
            {
                all.TrySetResult();
            }

            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;
        await processor.StartProcessingAsync();

        var clock = Stopwatch.StartNew();
        await using var sender = client.CreateSender("throughput");
        for (var i = 0; i < total; i += 100)
        {
            await sender.SendMessagesAsync(Enumerable.Range(i, 100).Select(n => new ServiceBusMessage($"{{\"n\":{n}}}")));
        }

        var sent = clock.Elapsed;
        await all.Task.WaitAsync(TimeSpan.FromSeconds(120));
        var done = clock.Elapsed;
        await processor.StopProcessingAsync();

        output.WriteLine($"{total} messages: sent in {sent.TotalSeconds:F2} s, sent+handled in {done.TotalSeconds:F2} s = {total / done.TotalSeconds:F0} msg/s (processor: 16 concurrent calls, prefetch 100, auto-complete)");
        Assert.Equal(total, completed);
    }
}
