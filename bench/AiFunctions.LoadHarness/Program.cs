using System.Diagnostics;
using AiFunctions.DevServices;
using AiFunctions.Host.Durable;
using AiFunctions.Hosting.DependencyInjection;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.LoadHarness;
using AiFunctions.Workflows;
using AiFunctions.Workflows.DependencyInjection;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var options = HarnessOptions.Parse(args);
var root = RepoRoot.Find();
// One folder per run: two harness runs at once must not delete each other's Azurite data.
var runDir = Path.Combine(root, ".run", "load-harness", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

if (options.Faults)
{
    return await FaultScenario.RunAsync(options, root, runDir);
}

await using var azurite = await AzuriteProcess.StartAsync(root, Path.Combine(runDir, "azurite"), TimeSpan.FromSeconds(60), inMemory: options.AzuriteInMemory);
var plugin = new FakeLatencyPlugin(TimeSpan.FromMilliseconds(options.LatencyMs), options.ProviderConcurrency);
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["AiFunctions:Providers:fake:Plugin"] = FakeLatencyPlugin.PluginId,
    ["AiFunctions:Providers:fake:Models:0"] = "fake-1",
    ["AiFunctions:Routes:screening:Targets:0:Provider"] = "fake",
    ["AiFunctions:Routes:screening:Targets:0:Model"] = "fake-1",
    ["AiFunctions:Durable:StorageConnectionString"] = azurite.ConnectionString,
    ["AiFunctions:Durable:TaskHubName"] = "loadharness",
    ["AiFunctions:Durable:MaxConcurrentActivities"] = options.MaxConcurrentActivities.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["AiFunctions:Storage:ConnectionString"] = azurite.ConnectionString,
});
if (options.KernelLimit is { } kernelLimit)
{
    builder.Configuration["AiFunctions:ConcurrencyLimits:Targets:fake:MaxConcurrentCalls"] = kernelLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

builder.Services.AddAiFunctionsCore(builder.Configuration, kernel => kernel.AddPlugin(plugin));
builder.Services.AddDurableBackend(builder.Configuration, registry => registry.AddHrWorkflows());
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<DurableTaskClient>();
var store = host.Services.GetRequiredService<IScreeningStore>();
var concurrency = options.Concurrency();

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {(File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a")}");
Console.WriteLine($"Fake provider: {options.LatencyMs} ms per call, {options.ProviderConcurrency} calls at once. Backend: Azure Storage on Azurite 3.37.0 (loopback{(options.AzuriteInMemory ? ", in-memory persistence" : string.Empty)}). Resumes: {(options.Offload ? "stored before scheduling (OffloadResumesAsync, as the API does), inside the measured time" : "inline in the request, stored by the batch's first activity")}.");
Console.WriteLine($"Workflow concurrency: chunk size {concurrency.ChunkSize}, {concurrency.CandidatesInFlightPerChunk} in flight per chunk, {concurrency.ChunksInFlight} chunks in flight, {concurrency.CandidatesPerActivity} candidates per activity; host MaxConcurrentActivities {options.MaxConcurrentActivities}; kernel concurrency limit on the fake target: {(options.KernelLimit is { } limit ? limit.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}.");

await RunAsync("warm-up", options.WarmUp);
var (hostCpu, azuriteCpu) = (CpuTime(Environment.ProcessId), CpuTime(azurite.Pid));
var (wall, screened) = await RunAsync("measured", options.Candidates);
(hostCpu, azuriteCpu) = (CpuTime(Environment.ProcessId) - hostCpu, CpuTime(azurite.Pid) - azuriteCpu);
var ideal = TimeSpan.FromMilliseconds((double)options.Candidates * options.LatencyMs / options.ProviderConcurrency);
Console.WriteLine();
Console.WriteLine($"Candidates: {options.Candidates}");
Console.WriteLine($"All screened after: {screened.TotalSeconds:0.00} s ({options.Candidates / screened.TotalSeconds:0.0} candidates/s)");
Console.WriteLine($"Wall time to shortlist awaiting review: {wall.TotalSeconds:0.00} s ({options.Candidates / wall.TotalSeconds:0.0} candidates/s)");
Console.WriteLine($"Provider-bound ideal: {ideal.TotalSeconds:0.00} s; ratio {wall / ideal:0.00}x (target <= 2x)");
Console.WriteLine($"Fake provider: {plugin.Stats.Calls} calls, peak {plugin.Stats.Peak} in progress at once.");
// CPU the measured batch used (user + system), less sensitive to other load on the machine than the wall time: on an
// idle 2-core machine the batch cannot take less than (host + Azurite) / 2 of wall time.
Console.WriteLine($"CPU during the measured batch: host {hostCpu.TotalSeconds:0.00} s, Azurite {azuriteCpu.TotalSeconds:0.00} s ({(hostCpu + azuriteCpu).TotalMilliseconds / options.Candidates:0.00} ms per candidate).");
await host.StopAsync();
await azurite.DisposeAsync();
try
{
    Directory.Delete(runDir, recursive: true);
}
catch (IOException)
{
    // Azurite's last write may still be closing; the folder is under .run/ (ignored) either way.
}

return 0;

static TimeSpan CpuTime(int pid)
{
    try
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }
    catch (ArgumentException)
    {
        return TimeSpan.Zero;
    }
}

async Task<(TimeSpan Wall, TimeSpan Screened)> RunAsync(string label, int count)
{
    plugin.Stats.Reset();
    var batchId = $"{label}-{Guid.NewGuid():N}"[..30];
    var request = new ScreeningBatchRequest(
        batchId,
        "load",
        new RequisitionSpec("req-load", "Software Engineer", "Build and test distributed services.",
            [new Criterion("must-1", "Writes and tests production code", CriterionKind.MustHave), new Criterion("nice-1", "Reviews code", CriterionKind.NiceToHave)]),
        Enumerable.Range(1, count).Select(i => new CandidateSubmission($"c{i:D5}", $"Load Person {i}",
            $"Senior engineer number {i} with many years of experience.\nWrote and tested production services in C#.\nReviewed code for the team.")).ToArray(),
        new ReviewPolicy { ShortlistSize = 10 },
        Concurrency: concurrency);
    var clock = Stopwatch.StartNew();
    using var timeline = options.Timeline && label == "measured" ? new InFlightTimeline(plugin.Stats, clock) : null;
    if (options.Offload)
    {
        request = await store.OffloadResumesAsync(request);
    }

    await client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ScreeningBatchOrchestrator, request, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = WorkflowInstanceIds.Screening(batchId) });
    TimeSpan? screenedAt = null;
    while (true)
    {
        if (screenedAt is null && plugin.Stats.Calls >= count)
        {
            screenedAt = clock.Elapsed;
        }

        var batch = await store.GetBatchAsync(batchId, includeProgress: false);
        if (batch?.Status == ScreeningBatchStatus.AwaitingReview)
        {
            Console.WriteLine($"{label}: {count} candidates to AwaitingReview in {clock.Elapsed.TotalSeconds:0.00} s");
            timeline?.Print();
            return (clock.Elapsed, screenedAt ?? clock.Elapsed);
        }

        if (clock.Elapsed > TimeSpan.FromMinutes(10))
        {
            throw new TimeoutException($"{label} batch did not finish in 10 minutes (status {batch?.Status}).");
        }

        await Task.Delay(50);
    }
}
