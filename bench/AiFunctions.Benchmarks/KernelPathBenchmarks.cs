using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Routing;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Benchmarks;

/// <summary>
/// One chat call: a bare IChatClient over the in-memory fake (baseline) against the kernel's route client over the
/// same fake — routing, resilience pipeline, accounting (ledger, price table, metrics) — with redaction off and on.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class KernelPathBenchmarks
{
    private readonly List<ChatMessage> _messages =
    [
        new(ChatRole.System, "You screen resumes against a job description and answer with JSON."),
        new(ChatRole.User, "Candidate: Jane Doe\nEmail: jane.doe@example.com, phone +44 20 7946 0958.\n" +
            "Led a team of five engineers building payroll services in C# and SQL; mentored juniors; ran on-call."),
    ];

    private ServiceProvider _services = null!;
    private IChatClient _bare = null!;
    private IChatClient _route = null!;
    private IChatClient _redactingRoute = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fake = new InMemoryChatClient();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Providers:p1:Plugin"] = "bench",
            ["AiFunctions:Providers:p1:Models:0"] = "m",
            ["AiFunctions:Providers:p2:Plugin"] = "bench",
            ["AiFunctions:Providers:p2:Models:0"] = "m",
            ["AiFunctions:Pricing:m:InputPerMillion"] = "2.5",
            ["AiFunctions:Pricing:m:OutputPerMillion"] = "10",
            ["AiFunctions:Routes:plain:Redact"] = "false",
            ["AiFunctions:Routes:plain:Targets:0:Provider"] = "p1",
            ["AiFunctions:Routes:plain:Targets:0:Model"] = "m",
            ["AiFunctions:Routes:plain:Targets:1:Provider"] = "p2",
            ["AiFunctions:Routes:plain:Targets:1:Model"] = "m",
            ["AiFunctions:Routes:redacted:Redact"] = "true",
            ["AiFunctions:Routes:redacted:Targets:0:Provider"] = "p1",
            ["AiFunctions:Routes:redacted:Targets:0:Model"] = "m",
            ["AiFunctions:Routes:redacted:Targets:1:Provider"] = "p2",
            ["AiFunctions:Routes:redacted:Targets:1:Model"] = "m",
        }).Build();
        _services = new ServiceCollection().AddAiKernel(configuration, k => k.AddPlugin(new BenchPlugin(fake))).BuildServiceProvider();
        _bare = fake;
        _route = _services.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat("plain"));
        _redactingRoute = _services.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat("redacted"));
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "bare IChatClient")]
    public Task<ChatResponse> Bare() => _bare.GetResponseAsync(_messages);

    [Benchmark(Description = "kernel route, redaction off")]
    public Task<ChatResponse> Route() => _route.GetResponseAsync(_messages);

    [Benchmark(Description = "kernel route, redaction on")]
    public Task<ChatResponse> RouteRedacted() => _redactingRoute.GetResponseAsync(_messages);
}
