using AiFunctions.DevServices;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Routing;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Benchmarks;

/// <summary>
/// What sharing a target's own request/token windows in Redis costs per call: one kernel on a private redis-server
/// (<c>AiFunctions:SharedState:Redis</c>; loopback), every tenant with a shared request + token window, and one chat
/// call over the in-memory fake through a route whose target has no limit of its own (baseline: the tenant admission
/// round trip only) against a route whose target has <c>RateLimits:Targets</c> limits (plus the target's admission
/// round trip; tokens are added after the call, pipelined, not awaited). Limits are far above what a run reaches.
/// Needs redis-server (the Debian package).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class SharedWindowBenchmarks
{
    private const string Huge = "1000000000";

    private readonly List<ChatMessage> _messages = [new(ChatRole.User, "Summarise the attached job description in one line.")];

    private RedisProcess _redis = null!;
    private ServiceProvider _services = null!;
    private IChatClient _tenantWindowOnly = null!;
    private IChatClient _tenantAndTargetWindows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _redis = RedisProcess.StartAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        var fake = new InMemoryChatClient();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:SharedState:Redis"] = _redis.ConnectionString,
            ["AiFunctions:SharedState:KeyPrefix"] = "bench:",
            ["AiFunctions:Providers:free:Plugin"] = "bench",
            ["AiFunctions:Providers:free:Models:0"] = "m",
            ["AiFunctions:Providers:limited:Plugin"] = "bench",
            ["AiFunctions:Providers:limited:Models:0"] = "m",
            ["AiFunctions:RateLimits:Tenants:*:RequestsPerMinute"] = Huge,
            ["AiFunctions:RateLimits:Tenants:*:TokensPerMinute"] = Huge,
            ["AiFunctions:RateLimits:Targets:limited:RequestsPerMinute"] = Huge,
            ["AiFunctions:RateLimits:Targets:limited:TokensPerMinute"] = Huge,
            ["AiFunctions:Routes:untargeted:Redact"] = "false",
            ["AiFunctions:Routes:untargeted:Targets:0:Provider"] = "free",
            ["AiFunctions:Routes:untargeted:Targets:0:Model"] = "m",
            ["AiFunctions:Routes:targeted:Redact"] = "false",
            ["AiFunctions:Routes:targeted:Targets:0:Provider"] = "limited",
            ["AiFunctions:Routes:targeted:Targets:0:Model"] = "m",
        }).Build();
        _services = new ServiceCollection().AddAiKernel(configuration, k => k.AddPlugin(new BenchPlugin(fake))).BuildServiceProvider();
        _tenantWindowOnly = _services.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat("untargeted"));
        _tenantAndTargetWindows = _services.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat("targeted"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _redis.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "shared tenant window, target without limits")]
    public Task<ChatResponse> TenantWindowOnly() => _tenantWindowOnly.GetResponseAsync(_messages);

    [Benchmark(Description = "shared tenant window + shared target windows")]
    public Task<ChatResponse> TenantAndTargetWindows() => _tenantAndTargetWindows.GetResponseAsync(_messages);
}
