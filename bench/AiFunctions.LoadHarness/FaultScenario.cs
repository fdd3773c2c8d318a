using System.Diagnostics;
using System.Globalization;
using AiFunctions.DevServices;
using AiFunctions.Host.Durable;
using AiFunctions.Hosting.DependencyInjection;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Workflows;
using AiFunctions.Workflows.DependencyInjection;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiFunctions.LoadHarness;

/// <summary>
/// The fault run (<c>--faults</c>): a two-target screening route through the real OpenAI plugin to two loopback
/// OpenAI-compatible fakes — the first injecting <c>--fault-rate</c> (default 30 %) mixed wire faults, the second healthy —
/// and the same batch measured fault-free beside it in the same process, host and Azurite. Reports wall time to the
/// shortlist awaiting review, candidates that ended Failed (and why), and each target's requests.
/// </summary>
internal static class FaultScenario
{
    public static async Task<int> RunAsync(HarnessOptions options, string root, string runDir)
    {
        await using var azurite = await AzuriteProcess.StartAsync(root, Path.Combine(runDir, "azurite"), TimeSpan.FromSeconds(60), inMemory: options.AzuriteInMemory);
        await using var first = await FaultyOpenAIServer.StartAsync(TimeSpan.FromMilliseconds(options.LatencyMs), options.ProviderConcurrency, seed: 1);
        await using var second = await FaultyOpenAIServer.StartAsync(TimeSpan.FromMilliseconds(options.LatencyMs), options.ProviderConcurrency, seed: 2);
        var attemptTimeout = TimeSpan.FromMilliseconds(options.AttemptTimeoutMs);

        // Hedging: a delay of 3× the provider's normal latency (100 ms here) sends a second request only for calls far
        // slower than usual (Dean & Barroso hedge past the 95th percentile); --hedging-delay-ms sets another value.
        TimeSpan? hedgingDelay = options.HedgingDelayMs is { } ms ? TimeSpan.FromMilliseconds(ms)
            : options.CompareHedging ? TimeSpan.FromMilliseconds(3 * options.LatencyMs) : null;

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Providers:first:Plugin"] = "openai",
            ["AiFunctions:Providers:first:Endpoint"] = first.BaseAddress.ToString(),
            ["AiFunctions:Providers:first:ApiKey"] = "sk-load-first",
            ["AiFunctions:Providers:first:Models:0"] = "fake-model",
            ["AiFunctions:Providers:second:Plugin"] = "openai",
            ["AiFunctions:Providers:second:Endpoint"] = second.BaseAddress.ToString(),
            ["AiFunctions:Providers:second:ApiKey"] = "sk-load-second",
            ["AiFunctions:Providers:second:Models:0"] = "fake-model",
            // The issue's scenario: a healthy second target of the same deployment, i.e. a replica (one scorer).
            ["AiFunctions:Providers:first:ReplicaGroup"] = options.SeparateScorers ? null : "fake-model-replicas",
            ["AiFunctions:Providers:second:ReplicaGroup"] = options.SeparateScorers ? null : "fake-model-replicas",
            ["AiFunctions:Routes:screening:Targets:0:Provider"] = "first",
            ["AiFunctions:Routes:screening:Targets:0:Model"] = "fake-model",
            ["AiFunctions:Routes:screening:Targets:1:Provider"] = "second",
            ["AiFunctions:Routes:screening:Targets:1:Model"] = "fake-model",
            ["AiFunctions:Routes:screening:Timeout"] = attemptTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["AiFunctions:Routes:screening:HedgingDelay"] = options.CompareHedging ? null : hedgingDelay?.ToString("c", CultureInfo.InvariantCulture),
            ["AiFunctions:Durable:StorageConnectionString"] = azurite.ConnectionString,
            ["AiFunctions:Durable:TaskHubName"] = "faultharness",
            ["AiFunctions:Durable:MaxConcurrentActivities"] = options.MaxConcurrentActivities.ToString(CultureInfo.InvariantCulture),
            ["AiFunctions:Storage:ConnectionString"] = azurite.ConnectionString,
        });
        builder.Services.AddAiFunctionsCore(builder.Configuration);
        builder.Services.AddDurableBackend(builder.Configuration, registry => registry.AddHrWorkflows());
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var store = host.Services.GetRequiredService<IScreeningStore>();
        var concurrency = options.Concurrency();
        var health = host.Services.GetRequiredService<AiFunctions.Kernel.Resilience.ITargetHealth>();
        var circuitOpenings = new System.Collections.Concurrent.ConcurrentQueue<string>();
        health.CircuitOpened += (_, e) => circuitOpenings.Enqueue($"{e.Target} opened ({e.Reason})");
        var overrides = host.Services.GetRequiredService<AiFunctions.Kernel.Routing.IRouteOverrides>();
        var hedges = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "aifunctions.kernel.hedges")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "aifunctions.hedge.outcome")
                {
                    hedges.AddOrUpdate((string)tag.Value!, (int)value, (_, n) => n + (int)value);
                }
            }
        });
        listener.Start();

        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {LoadAverage()}");
        Console.WriteLine($"Targets: OpenAI plugin → two loopback OpenAI-compatible fakes, {options.LatencyMs} ms per call, {options.ProviderConcurrency} calls at once each; route timeout per attempt {attemptTimeout.TotalSeconds:0.#} s, other route settings default.");
        Console.WriteLine(options.CompareHedging
            ? $"Hedging: compared (--compare-hedging): hedging off and HedgingDelay {hedgingDelay!.Value.TotalMilliseconds:0} ms in A B B A order, each a fault-free then a faulted batch."
            : $"Hedging: {(hedgingDelay is { } d ? $"HedgingDelay {d.TotalMilliseconds:0} ms" : "off")}.");
        Console.WriteLine(options.SeparateScorers
            ? "Scorers: the two targets are two scorers (--separate-scorers): a failover mixes the batch and it is re-scored (AiFunctions:Screening:OnScorerChange)."
            : "Scorers: the two targets are replicas of one deployment (ReplicaGroup 'fake-model-replicas'): one scorer.");
        Console.WriteLine($"Faults on the first target: {options.FaultRate:P0} of requests, equal shares of {string.Join(", ", Enum.GetNames<WireFault>())}.");
        Console.WriteLine($"Workflow concurrency: chunk size {concurrency.ChunkSize}, {concurrency.CandidatesInFlightPerChunk} in flight per chunk, {concurrency.ChunksInFlight} chunks in flight, {concurrency.CandidatesPerActivity} candidates per activity.");

        // A warm-up of the measured size: the first large batch of a process (JIT, connection pools, Azurite tables and
        // queues growing) took 2-3× the later ones, which flattered the ratio when it counted as a fault-free run.
        await RunAsync("warm-up", options.Candidates, 0);
        if (options.CompareHedging)
        {
            // Off and on in A B B A order (so a drift of the machine's load over the minutes weighs on both alike), each a
            // fault-free batch then a faulted one; the ratios are against the mean of the fault-free runs with hedging off
            // (the service's fault-free time as measured before hedging); the fault-free runs with hedging on show what
            // hedging costs without faults (hedges "lost": calls slower than the delay that were sent twice).
            var hedged = overrides.Baseline("screening");
            hedged.HedgingDelay = hedgingDelay;
            var cleanRuns = new Dictionary<bool, List<TimeSpan>> { [false] = [], [true] = [] };
            var faulted = new Dictionary<bool, List<(TimeSpan Wall, int Failed)>> { [false] = [], [true] = [] };
            var round = 0;
            foreach (var on in new[] { false, true, true, false })
            {
                round++;
                overrides.Apply("screening", on ? hedged : null);
                var setting = on ? "hedging on" : "hedging off";
                cleanRuns[on].Add((await RunAsync($"fault-free, {setting} {round}", options.Candidates, 0)).Wall);
                faulted[on].Add(await RunAsync($"faults, {setting} {round}", options.Candidates, options.FaultRate));
            }

            overrides.Apply("screening", null);
            cleanRuns[false].Add((await RunAsync("fault-free, hedging off 5", options.Candidates, 0)).Wall);
            var mean = TimeSpan.FromTicks((long)cleanRuns[false].Average(t => t.Ticks));
            Console.WriteLine();
            Console.WriteLine($"Fault-free, hedging off: {string.Join(", ", cleanRuns[false].Select(t => $"{t.TotalSeconds:0.00} s"))}; mean {mean.TotalSeconds:0.00} s. Fault-free, hedging on: {string.Join(", ", cleanRuns[true].Select(t => $"{t.TotalSeconds:0.00} s"))}. Load average now {LoadAverage()}.");
            Console.WriteLine($"With faults, hedging off: {string.Join(", ", faulted[false].Select(r => $"{r.Wall.TotalSeconds:0.00} s = {r.Wall / mean:0.00}× ({r.Failed} failed)"))}.");
            Console.WriteLine($"With faults, hedging on ({hedgingDelay!.Value.TotalMilliseconds:0} ms): {string.Join(", ", faulted[true].Select(r => $"{r.Wall.TotalSeconds:0.00} s = {r.Wall / mean:0.00}× ({r.Failed} failed)"))} (target ≤ 2×, 0 failed).");
            await host.StopAsync();
            return 0;
        }

        var clean = await RunAsync("fault-free", options.Candidates, 0);
        var faulty = await RunAsync("faults", options.Candidates, options.FaultRate);
        var clean2 = await RunAsync("fault-free again", options.Candidates, 0);

        Console.WriteLine();
        Console.WriteLine($"Fault-free: {clean.Wall.TotalSeconds:0.00} s and {clean2.Wall.TotalSeconds:0.00} s; with faults: {faulty.Wall.TotalSeconds:0.00} s → {faulty.Wall / Mean(clean.Wall, clean2.Wall):0.00}× the fault-free mean (target ≤ 2×).");
        Console.WriteLine($"Failed candidates with faults: {faulty.Failed} of {options.Candidates} (target 0).");
        await host.StopAsync();
        return 0;

        async Task<(TimeSpan Wall, int Failed)> RunAsync(string label, int count, double faultRate)
        {
            first.FaultRate = faultRate;
            circuitOpenings.Clear();
            hedges.Clear();
            var before = string.Join(", ", health.Targets.Select(t => $"{t.Target} {t.State}"));
            first.ResetCounters();
            second.ResetCounters();
            var batchId = $"{new string(label.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray())}-{Guid.NewGuid():N}"[..30];
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
            await client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ScreeningBatchOrchestrator, request, new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = WorkflowInstanceIds.Screening(batchId) });
            while ((await store.GetBatchAsync(batchId, includeProgress: false))?.Status != ScreeningBatchStatus.AwaitingReview)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(15))
                {
                    throw new TimeoutException($"{label} batch did not reach review in 15 minutes.");
                }

                await Task.Delay(50);
            }

            var wall = clock.Elapsed;
            var results = await store.GetResultsAsync(batchId);
            var failed = results.Where(r => r.Status == CandidateResultStatus.Failed).ToArray();
            var byTarget = results.Where(r => r.Provenance is not null).GroupBy(r => r.Provenance!.ProviderInstance).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"{label}: {count} candidates to AwaitingReview in {wall.TotalSeconds:0.00} s; failed {failed.Length}; answered by {string.Join(", ", byTarget)}; " +
                $"requests first {first.Requests} (faults injected {first.Injected.Values.Sum()}: {string.Join(", ", first.Injected.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}), second {second.Requests}.");
            Console.WriteLine($"  circuits at the start: {before}; opened during the run: {(circuitOpenings.IsEmpty ? "none" : string.Join("; ", circuitOpenings.GroupBy(o => o).Select(g => $"{g.Count()} × {g.Key}")))}; " +
                $"hedges: {(hedges.IsEmpty ? "none" : string.Join(", ", hedges.OrderBy(h => h.Key).Select(h => $"{h.Key} {h.Value}")))}; load average {LoadAverage()}.");
            foreach (var reason in failed.GroupBy(f => f.Error?.Split(':')[0]))
            {
                Console.WriteLine($"  failed: {reason.Count()} × {reason.First().Error}");
            }

            if (faultRate > 0)
            {
                // Where the time went: the candidates whose last provider answer came latest, with every request made for them.
                var requests = first.Log.Select(r => (Target: "first", r)).Concat(second.Log.Select(r => (Target: "second", r))).ToArray();
                var lastAnswer = requests.Max(r => r.r.Ended);
                Console.WriteLine($"  last provider answer at {lastAnswer.TotalSeconds:0.00} s, review at {wall.TotalSeconds:0.00} s; the five candidates answered last:");
                foreach (var chain in requests.GroupBy(r => r.r.Candidate).OrderByDescending(g => g.Max(r => r.r.Ended)).Take(5))
                {
                    Console.WriteLine($"    c{chain.Key:D5}: " + string.Join(" → ", chain.OrderBy(r => r.r.Received).Select(r =>
                        $"{r.Target} {r.r.Outcome} {r.r.Received.TotalSeconds:0.00}-{r.r.Ended.TotalSeconds:0.00} s")));
                }
            }

            if (!circuitOpenings.IsEmpty)
            {
                // Each phase starts with closed circuits: wait out the break (default 30 s) so the next phase's first call is the probe.
                await Task.Delay(TimeSpan.FromSeconds(31));
            }

            return (wall, failed.Length);
        }
    }

    private static TimeSpan Mean(TimeSpan a, TimeSpan b) => (a + b) / 2;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
