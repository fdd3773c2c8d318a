// Gateway load harness: closed loop at concurrency 1 and 32 against a zero-latency fake OpenAI server on loopback,
// three ways in one run: direct to the fake, through the AiFunctions /v1 gateway (its own process), and through the
// Portkey gateway (node, its own process). Prints latency percentiles, throughput and each gateway's memory.
//
//   dotnet run -c Release --project bench/AiFunctions.GatewayLoad -- [--duration 10] [--warmup 3] [--portkey <path to @portkey-ai/gateway>]
//
//     [--targets word,word] (only targets whose name contains a word; direct always runs) [--concurrency 1,32]
//     [--gateway-env NAME=VALUE,...] (environment of the gateway process only, e.g. DOTNET_gcServer=0)
//     [--jit-warmup 12] (seconds each target is driven at the highest concurrency before any cell, so that tiered
//     compilation has finished: the gateway's deep call path keeps the JIT busy for 10-15 s of load on 2 cores, and
//     a cell measured before that counts JIT time as CPU per request)
//
// Besides the gateway, two bare reverse proxies (YARP's forwarder and a hand-written one-HttpClient forwarder, each
// its own process) forward to the same fake: the ceiling of any two-hop gateway on this machine.
//
// Child modes (started by the harness itself): --serve-fake PORT, --serve-gateway PORT UPSTREAM [key=value ...],
// --serve-yarp PORT UPSTREAM, --serve-proxy PORT UPSTREAM.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AiFunctions.GatewayLoad;

if (args.Length >= 2 && args[0] == "--serve-fake")
{
    await FakeOpenAIServer.Build(int.Parse(args[1], CultureInfo.InvariantCulture)).RunAsync();
    return 0;
}

if (args.Length >= 3 && args[0] == "--serve-gateway")
{
    var extra = args.Skip(3).Select(a => a.Split('=', 2)).Select(p => new KeyValuePair<string, string?>(p[0], p[1]));
    await GatewayProcess.Build(int.Parse(args[1], CultureInfo.InvariantCulture), new Uri(args[2]), extra).RunAsync();
    return 0;
}

if (args.Length >= 3 && args[0] is "--serve-yarp" or "--serve-proxy")
{
    var port = int.Parse(args[1], CultureInfo.InvariantCulture);
    await (args[0] == "--serve-yarp" ? BareProxy.BuildYarp(port, new Uri(args[2])) : BareProxy.BuildMinimal(port, new Uri(args[2]))).RunAsync();
    return 0;
}

var duration = TimeSpan.FromSeconds(Option("--duration", 10));
var warmup = TimeSpan.FromSeconds(Option("--warmup", 3));
var jitWarmup = TimeSpan.FromSeconds(Option("--jit-warmup", 12));
var portkeyPath = OptionText("--portkey");
var concurrencies = (OptionText("--concurrency") ?? "1,32").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();

var children = new List<Process>();
try
{
    var fakePort = FreePort();
    var gatewayPort = FreePort();
    children.Add(StartSelf($"--serve-fake {fakePort}"));
    var fake = new Uri($"http://127.0.0.1:{fakePort}/");
    var gatewayEnvironment = (OptionText("--gateway-env") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    var gateway = StartSelf($"--serve-gateway {gatewayPort} {fake}", gatewayEnvironment);
    children.Add(gateway);
    var yarpPort = FreePort();
    var yarp = StartSelf($"--serve-yarp {yarpPort} {fake}");
    children.Add(yarp);
    var proxyPort = FreePort();
    var proxy = StartSelf($"--serve-proxy {proxyPort} {fake}");
    children.Add(proxy);
    Process? portkey = null;
    var portkeyPort = FreePort();
    if (portkeyPath is not null)
    {
        portkey = Process.Start(new ProcessStartInfo("node", $"{Path.Combine(portkeyPath, "build", "start-server.js")} --port={portkeyPort} --headless")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["NODE_ENV"] = "production" },
        })!;
        portkey.OutputDataReceived += (_, _) => { };
        portkey.ErrorDataReceived += (_, _) => { };
        portkey.BeginOutputReadLine();
        portkey.BeginErrorReadLine();
        children.Add(portkey);
    }

    await WaitForPortAsync(fakePort);
    await WaitForPortAsync(gatewayPort);
    await WaitForPortAsync(yarpPort);
    await WaitForPortAsync(proxyPort);
    if (portkey is not null)
    {
        await WaitForPortAsync(portkeyPort);
    }

    const string Body = """{"model":"bench-model","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"Summarise the attached report in one sentence."}],"max_tokens":64}""";
    const string RedactedBody = """{"model":"bench-redacted","messages":[{"role":"system","content":"You screen resumes."},{"role":"user","content":"Candidate: Jane Doe, jane.doe@example.com, +44 20 7946 0958. Five years of payroll experience."}],"max_tokens":64}""";
    var targets = new List<Target>
    {
        new("direct to the fake", new Uri(fake, "v1/chat/completions"), new Dictionary<string, string> { ["Authorization"] = "Bearer sk-fake" }, Body),
        new("bare proxy: YARP forwarder", new Uri($"http://127.0.0.1:{yarpPort}/v1/chat/completions"), new Dictionary<string, string> { ["Authorization"] = "Bearer sk-fake" }, Body),
        new("bare proxy: one HttpClient", new Uri($"http://127.0.0.1:{proxyPort}/v1/chat/completions"), new Dictionary<string, string> { ["Authorization"] = "Bearer sk-fake" }, Body),
        new("AiFunctions /v1 (route, redaction off)", new Uri($"http://127.0.0.1:{gatewayPort}/v1/chat/completions"),
            new Dictionary<string, string> { ["Authorization"] = "Bearer " + GatewayProcess.Key }, Body.Replace("bench-model", "bench", StringComparison.Ordinal)),
        new("AiFunctions /v1 (route, redaction on)", new Uri($"http://127.0.0.1:{gatewayPort}/v1/chat/completions"),
            new Dictionary<string, string> { ["Authorization"] = "Bearer " + GatewayProcess.Key }, RedactedBody),
    };
    if (portkey is not null)
    {
        targets.Add(new("Portkey gateway 1.15.2", new Uri($"http://127.0.0.1:{portkeyPort}/v1/chat/completions"),
            new Dictionary<string, string>
            {
                ["Authorization"] = "Bearer sk-fake",
                ["x-portkey-provider"] = "openai",
                ["x-portkey-custom-host"] = new Uri(fake, "v1").ToString().TrimEnd('/'),
            }, Body));
    }

    if (OptionText("--targets") is { } only)
    {
        // Only the targets whose name contains one of the comma-separated words (direct stays as the comparison).
        var words = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        targets.RemoveAll(t => !t.Name.StartsWith("direct", StringComparison.Ordinal) && !words.Any(w => t.Name.Contains(w, StringComparison.OrdinalIgnoreCase)));
    }

    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    Console.WriteLine($"machine: nproc {Environment.ProcessorCount}, {CpuModel()}, load average {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine($"runtime: .NET {Environment.Version}; duration {duration.TotalSeconds:0} s per cell after {warmup.TotalSeconds:0} s warm-up; every target first driven {jitWarmup.TotalSeconds:0} s at c={concurrencies.Max()} (JIT tier-up); closed loop");
    Console.WriteLine();
    // The process each target's requests land in first (its CPU time and allocations are the per-request cost columns).
    var servers = new Dictionary<int, Process> { [fakePort] = children[0], [gatewayPort] = gateway, [yarpPort] = yarp, [proxyPort] = proxy };
    if (portkey is not null)
    {
        servers[portkeyPort] = portkey;
    }

    Console.WriteLine("| target | concurrency | requests/s | p50 ms | p90 ms | p99 ms | errors | server CPU per request | server allocated per request | load avg after |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    // Every server JIT-compiles and tiers up its path before any cell is measured (otherwise the first cell of a
    // server, e.g. /v1 with redaction off, pays the tier-up the later ones do not). At the highest concurrency and for
    // --jit-warmup seconds: the gateway's tiered-compilation thread was still busy 10-15 s into a c=32 cell after a
    // 2 s warm-up at c=4 (about an eighth of its CPU then), which the old warm-up left in the first /v1 cell.
    foreach (var target in targets)
    {
        await LoadClient.RunAsync(http, target, concurrencies.Max(), TimeSpan.Zero, jitWarmup, () => Task.FromResult<long?>(null), () => null);
    }

    var results = new List<RunResult>();
    foreach (var concurrency in concurrencies)
    {
        foreach (var target in targets)
        {
            // The probe answers on the server the target points at (the fake for direct; Portkey has none).
            var server = new Uri(target.Url.GetLeftPart(UriPartial.Authority));
            var result = await LoadClient.RunAsync(http, target, concurrency, warmup, duration,
                () => target.Name.StartsWith("Portkey", StringComparison.Ordinal) ? Task.FromResult<long?>(null) : AllocationProbe.ReadAsync(http, server),
                () => CpuTime(servers[target.Url.Port]));
            results.Add(result);
            Console.WriteLine(FormattableString.Invariant(
                $"| {target.Name} | {concurrency} | {result.Throughput:0} | {result.Percentile(50):0.000} | {result.Percentile(90):0.000} | {result.Percentile(99):0.000} | {result.Errors} | {(result.CpuPerRequest is { } cpu ? $"{cpu.TotalMicroseconds:0} µs" : "n/a")} | {(result.AllocatedPerRequest is { } b ? $"{b / 1024.0:0.0} KB" : "n/a")} | {File.ReadAllText("/proc/loadavg").Split(' ')[0]} |"));
        }
    }

    Console.WriteLine();
    Console.WriteLine($"memory (VmRSS now / VmHWM peak): AiFunctions gateway {Memory(gateway)}; YARP forwarder {Memory(yarp)}; one-HttpClient forwarder {Memory(proxy)}"
        + (portkey is null ? string.Empty : $"; Portkey {Memory(portkey)}") + $"; fake {Memory(children[0])}");
    if (gatewayEnvironment.Count > 0)
    {
        Console.WriteLine($"gateway process environment: {string.Join(", ", gatewayEnvironment.Select(e => $"{e.Key}={e.Value}"))}");
    }
    Console.WriteLine();
    foreach (var concurrency in concurrencies)
    {
        var direct = results.Single(r => r.Concurrency == concurrency && r.Target.StartsWith("direct", StringComparison.Ordinal));
        foreach (var r in results.Where(r => r.Concurrency == concurrency && r != direct))
        {
            Console.WriteLine(FormattableString.Invariant(
                $"c={concurrency} {r.Target}: added p50 {r.Percentile(50) - direct.Percentile(50):+0.000;-0.000} ms, added p99 {r.Percentile(99) - direct.Percentile(99):+0.000;-0.000} ms, throughput {100 * r.Throughput / direct.Throughput:0}% of direct"));
        }

        foreach (var bare in results.Where(r => r.Concurrency == concurrency && r.Target.StartsWith("bare", StringComparison.Ordinal)))
        {
            foreach (var r in results.Where(r => r.Concurrency == concurrency && r.Target.StartsWith("AiFunctions", StringComparison.Ordinal)))
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"c={concurrency} {r.Target}: {100 * r.Throughput / bare.Throughput:0}% of the {bare.Target[12..]}'s throughput, added p50 over it {r.Percentile(50) - bare.Percentile(50):+0.000;-0.000} ms"));
            }
        }

        if (results.SingleOrDefault(r => r.Concurrency == concurrency && r.Target.StartsWith("Portkey", StringComparison.Ordinal)) is { } pk)
        {
            foreach (var r in results.Where(r => r.Concurrency == concurrency && r.Target.StartsWith("AiFunctions", StringComparison.Ordinal)))
            {
                Console.WriteLine(FormattableString.Invariant($"c={concurrency} {r.Target}: {r.Throughput / pk.Throughput:0.0}x Portkey's throughput"));
            }
        }
    }

    return 0;
}
finally
{
    foreach (var child in children)
    {
        try
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        child.Dispose();
    }
}

int Option(string name, int fallback) => OptionText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static Process StartSelf(string arguments, IReadOnlyDictionary<string, string>? environment = null)
{
    var self = Environment.ProcessPath!;
    var dll = typeof(FakeOpenAIServer).Assembly.Location;
    var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
        ? new ProcessStartInfo(self, $"{dll} {arguments}")
        : new ProcessStartInfo(self, arguments);
    start.RedirectStandardOutput = true;
    start.RedirectStandardError = true;
    foreach (var (name, value) in environment ?? new Dictionary<string, string>())
    {
        start.Environment[name] = value;
    }

    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"[child {process.Id}] {line}"); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitForPortAsync(int port)
{
    var until = DateTime.UtcNow.AddSeconds(60);
    while (DateTime.UtcNow < until)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return;
        }
        catch (SocketException)
        {
            await Task.Delay(100);
        }
    }

    throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within 60 s.");
}

// User + system CPU time of a process so far, from /proc/PID/stat (clock ticks of 10 ms); null when unreadable.
static TimeSpan? CpuTime(Process process)
{
    try
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
    catch (IOException)
    {
        return null;
    }
}

static string CpuModel() =>
    File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

static string Memory(Process process)
{
    try
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        return $"{Field("VmRSS")} / {Field("VmHWM")}";
    }
    catch (IOException)
    {
        return "n/a";
    }
}
