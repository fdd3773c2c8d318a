// Handler throughput on the dev broker with idempotency on: N hr.employee.hired events (distinct ids) are sent to the
// hr-events topic first, then the processors start and the clock runs until every event was handled and its
// idempotency record written. Usage:
//   dotnet run -c Release --project bench/AiFunctions.EventsBench -- [--events 10000] [--concurrency 32] [--prefetch 100]
//       [--table "<storage connection string>"]   (idempotency records in Table storage, e.g. Azurite; default in memory)
//       [--redis "127.0.0.1:6379"]                (idempotency records in Redis, the shared-state store)
using System.Diagnostics;
using System.Globalization;
using AiFunctions.DevServiceBus;
using AiFunctions.Events.Contracts;
using AiFunctions.Events.DependencyInjection;
using AiFunctions.Events.Idempotency;
using AiFunctions.Events.ServiceBus;
using AiFunctions.EventsBench;
using Azure.Data.Tables;
using Azure.Messaging;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var events = Arg("--events", 10_000);
var concurrency = Arg("--concurrency", 32);
var prefetch = Arg("--prefetch", 100);
var table = ArgText("--table");
var redis = ArgText("--redis");

await using var broker = await DevServiceBusBroker.StartAsync(new DevServiceBusOptions { Port = 0, Entities = EventEntityMap.LoadEntities("infra/servicebus/Config.json") });
await using (var client = new ServiceBusClient(broker.ConnectionString))
await using (var sender = client.CreateSender("hr-events"))
{
    var runId = Guid.NewGuid().ToString("N")[..8];
    var sendClock = Stopwatch.StartNew();
    for (var offset = 0; offset < events; offset += 100)
    {
        var batch = Enumerable.Range(offset, Math.Min(100, events - offset)).Select(i => CloudEventMessages.ToMessage(Hired(runId, i)));
        await sender.SendMessagesAsync(batch);
    }

    Console.WriteLine($"sent {events} events in {sendClock.Elapsed.TotalSeconds:F1} s");
}

IIdempotencyStore inner = redis is not null
    ? new RedisIdempotencyStore(await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis), "bench-" + Guid.NewGuid().ToString("N")[..8] + ":")
    : table is null
        ? new InMemoryIdempotencyStore()
        : new TableIdempotencyStore(new TableClient(table, "BenchIdempotency" + Guid.NewGuid().ToString("N")[..8]));
var counting = new CountingIdempotencyStore(inner, events);

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AiFunctions:ServiceBus:ConnectionString"] = broker.ConnectionString,
    ["AiFunctions:Storage:Store"] = "InMemory",
    ["AiFunctions:Events:ServiceBus:MaxConcurrentCalls"] = concurrency.ToString(CultureInfo.InvariantCulture),
    ["AiFunctions:Events:ServiceBus:PrefetchCount"] = prefetch.ToString(CultureInfo.InvariantCulture),
});
builder.Services.AddSingleton<IIdempotencyStore>(counting);
builder.Services.AddHrEvents(builder.Configuration);
using var host = builder.Build();

var clock = Stopwatch.StartNew();
await host.StartAsync();
await counting.AllRecorded.Task.WaitAsync(TimeSpan.FromMinutes(10));
clock.Stop();
await host.StopAsync();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"handled {counting.Recorded} events in {clock.Elapsed.TotalSeconds:F2} s = {counting.Recorded / clock.Elapsed.TotalSeconds:F0} events/s " +
    $"(MaxConcurrentCalls {concurrency}, PrefetchCount {prefetch}, idempotency {(redis is not null ? "Redis" : table is null ? "in memory" : "Table storage")}, {Environment.ProcessorCount} cores)"));

static CloudEvent Hired(string runId, int i)
{
    var data = new EmployeeHiredV1
    {
        EmployeeId = $"emp-{i}",
        CandidateId = $"cand-{i}",
        RequisitionId = $"req-{i % 50}",
        StartDate = new DateOnly(2027, 1, 4),
        HiredAt = DateTimeOffset.UnixEpoch.AddDays(20_000),
    };
    return new CloudEvent("/bench/ats", HrEventTypes.EmployeeHired, data) { Id = $"{runId}-{i}" };
}

int Arg(string name, int fallback) => ArgText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? ArgText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
