using System.Diagnostics;
using System.Globalization;
using AiFunctions.DevServiceBus;
using AiFunctions.ServiceBus.Configuration;
using Azure.Messaging.ServiceBus;

// Load harness for the dev Service Bus broker, driven by the real client:
//   dotnet run -c Release --project bench/AiFunctions.DevServiceBus.Load -- [messages=10000] [runs=3]
// Each run: batched send of N messages (100 per batch); a ServiceBusProcessor (peek-lock, auto-complete, 16 concurrent
// calls, prefetch 100) receiving and completing them; and, as the baseline without settlement, a receive-and-delete
// receiver (prefetch 500) draining N messages. Each phase has its own queue so no link prefetches another's messages.
var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;

var entities = new ServiceBusEntityConfiguration();
for (var run = 0; run < runs; run++)
{
    entities.Queues.Add(new QueueDefinition($"processor-{run}"));
    entities.Queues.Add(new QueueDefinition($"receive-delete-{run}"));
}

await using var broker = await DevServiceBusBroker.StartAsync(new DevServiceBusOptions { Port = 0, Entities = entities });
await using var client = new ServiceBusClient(broker.ConnectionString);
Console.WriteLine($"{total} messages per phase, {runs} runs, broker in-process on 127.0.0.1:{broker.Port}, {Environment.ProcessorCount} cores");

var send = new List<double>();
var processed = new List<double>();
var baseline = new List<double>();
for (var run = 0; run < runs; run++)
{
    send.Add(await SendAsync(client, $"processor-{run}", total));
    processed.Add(await ProcessAsync(client, $"processor-{run}", total));
    await SendAsync(client, $"receive-delete-{run}", total);
    baseline.Add(await ReceiveAndDeleteAsync(client, $"receive-delete-{run}", total));
    Console.WriteLine($"run {run + 1}: send {send[^1]:F0}/s, processor receive+complete {processed[^1]:F0}/s, receive-and-delete {baseline[^1]:F0}/s");
}

Console.WriteLine($"median: send {Median(send):F0}/s, processor receive+complete {Median(processed):F0}/s, receive-and-delete (baseline) {Median(baseline):F0}/s");
return 0;

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static async Task<double> SendAsync(ServiceBusClient client, string queue, int total)
{
    await using var sender = client.CreateSender(queue);
    await sender.SendMessageAsync(new ServiceBusMessage("warm-up") { MessageId = "warm-up" });
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < total; i += 100)
    {
        await sender.SendMessagesAsync(Enumerable.Range(i, Math.Min(100, total - i)).Select(n => new ServiceBusMessage($"{{\"n\":{n}}}")));
    }

    return total / clock.Elapsed.TotalSeconds;
}

static async Task<double> ProcessAsync(ServiceBusClient client, string queue, int total)
{
    var expected = total + 1; // the warm-up message too
    var handled = 0;
    var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    await using var processor = client.CreateProcessor(queue, new ServiceBusProcessorOptions { MaxConcurrentCalls = 16, PrefetchCount = 100 });
    processor.ProcessMessageAsync += _ =>
    {
        if (Interlocked.Increment(ref handled) == expected)
        {
            all.TrySetResult();
        }

        return Task.CompletedTask;
    };
    processor.ProcessErrorAsync += args =>
    {
        Console.Error.WriteLine($"processor error: {args.Exception.Message}");
        return Task.CompletedTask;
    };
    var clock = Stopwatch.StartNew();
    await processor.StartProcessingAsync();
    await all.Task.WaitAsync(TimeSpan.FromMinutes(5));
    var rate = expected / clock.Elapsed.TotalSeconds;
    await processor.StopProcessingAsync();
    return rate;
}

static async Task<double> ReceiveAndDeleteAsync(ServiceBusClient client, string queue, int total)
{
    var expected = total + 1;
    await using var receiver = client.CreateReceiver(queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete, PrefetchCount = 500 });
    var clock = Stopwatch.StartNew();
    var received = 0;
    while (received < expected)
    {
        received += (await receiver.ReceiveMessagesAsync(500, TimeSpan.FromSeconds(10))).Count;
    }

    return expected / clock.Elapsed.TotalSeconds;
}
