using AiFunctions.Hosting.Management;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Host.Tests.Support;

/// <summary>
/// The in-memory host with two loopback OpenAI-compatible providers, instances <c>a</c> and <c>b</c> (each a
/// <see cref="FakeOpenAIServer"/>), and the <c>screening</c> route configured on <c>a</c> only: a route change to
/// <c>b</c> is visible as calls arriving at <see cref="B"/>. <see cref="SharedStore"/>, when set before the host starts,
/// is the route version store (two hosts given the same one act as two instances of one deployment).
/// </summary>
public class TwoTargetHostFactory : InMemoryHostFactory, IAsyncLifetime
{
    private FakeOpenAIServer? _a;
    private FakeOpenAIServer? _b;

    public FakeOpenAIServer A => _a ?? throw new InvalidOperationException("Not started.");

    public FakeOpenAIServer B => _b ?? throw new InvalidOperationException("Not started.");

    /// <summary>A route version store shared with another host (null: the host's own in-memory store).</summary>
    public IRouteVersionStore? SharedStore { get; set; }

    /// <summary>A usage history store shared with another host (null: the host's own in-memory store).</summary>
    public IUsageHistoryStore? SharedUsageStore { get; set; }

    /// <summary>Settings added to the two providers and the route (e.g. prices and budgets).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(Extra)
    {
        ["AiFunctions:Providers:a:Plugin"] = "openai",
        ["AiFunctions:Providers:a:Endpoint"] = new Uri(A.BaseAddress, "v1").ToString(),
        ["AiFunctions:Providers:a:ApiKey"] = "sk-test-not-a-real-key",
        ["AiFunctions:Providers:a:Models:0"] = FakeOpenAIServer.Model,
        ["AiFunctions:Providers:b:Plugin"] = "openai",
        ["AiFunctions:Providers:b:Endpoint"] = new Uri(B.BaseAddress, "v1").ToString(),
        ["AiFunctions:Providers:b:ApiKey"] = "sk-test-not-a-real-key",
        ["AiFunctions:Providers:b:Models:0"] = FakeOpenAIServer.Model,
        ["AiFunctions:Routes:screening:Targets:0:Provider"] = "a",
        ["AiFunctions:Routes:screening:Targets:0:Model"] = FakeOpenAIServer.Model,
        ["AiFunctions:Routes:screening:MaxRetries"] = "0",
        ["AiFunctions:Management:RouteSyncInterval"] = "00:00:01",
    };

    public async Task InitializeAsync()
    {
        _a = await FakeOpenAIServer.StartAsync();
        _b = await FakeOpenAIServer.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var server in new[] { _a, _b })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            if (SharedStore is { } store)
            {
                services.AddSingleton(store);
            }

            if (SharedUsageStore is { } usage)
            {
                services.AddSingleton(usage);
            }
        });
    }
}
