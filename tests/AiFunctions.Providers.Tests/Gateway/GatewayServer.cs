using System.ClientModel;
using System.ClientModel.Primitives;
using AiFunctions.Hosting.Gateway;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Providers.OpenAI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace AiFunctions.Providers.Tests.Gateway;

/// <summary>
/// The OpenAI-compatible gateway on loopback Kestrel (free port) over a kernel whose <c>openai</c> instance
/// <c>upstream</c> points at a fake OpenAI server: the real endpoints, the real kernel, the real SDK in between.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The OpenAI base URL callers configure (…/v1).</summary>
    public Uri V1 => new(BaseAddress, "v1");

    public IServiceProvider Services => _app.Services;

    /// <summary>Instance <c>upstream</c> (plugin openai, models <paramref name="chatModel"/> and <paramref name="embeddingModel"/>) at <paramref name="upstream"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Upstream(Uri upstream, string chatModel = "gpt-test", string embeddingModel = "text-embedding-test") =>
    [
        new("AiFunctions:Providers:upstream:Plugin", "openai"),
        new("AiFunctions:Providers:upstream:Endpoint", new Uri(upstream, "v1").ToString()),
        new("AiFunctions:Providers:upstream:ApiKey", "sk-upstream"),
        new("AiFunctions:Providers:upstream:Models:0", chatModel),
        new("AiFunctions:Providers:upstream:Models:1", embeddingModel),
    ];

    /// <summary>A route over one upstream model: no retries, a long timeout, redaction as given.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Route(string route, string model, bool redact = false, string instance = "upstream") =>
    [
        new($"AiFunctions:Routes:{route}:Targets:0:Provider", instance),
        new($"AiFunctions:Routes:{route}:Targets:0:Model", model),
        new($"AiFunctions:Routes:{route}:MaxRetries", "0"),
        new($"AiFunctions:Routes:{route}:Timeout", "00:00:30"),
        new($"AiFunctions:Routes:{route}:Redact", redact ? "true" : "false"),
    ];

    /// <summary>An application allowed to call the gateway with <paramref name="key"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> App(string app, string key, string tenant, params string[] routes) =>
        new KeyValuePair<string, string?>[]
        {
            new($"AiFunctions:Gateway:Apps:{app}:Tenant", tenant),
            new($"AiFunctions:Gateway:Apps:{app}:KeySha256:0", GatewayDirectory.Hash(key)),
        }.Concat(routes.Select((r, i) => new KeyValuePair<string, string?>($"AiFunctions:Gateway:Apps:{app}:Routes:{i}", r)));

    public static async Task<GatewayServer> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.AddAiKernel(configuration, kernel => kernel.AddOpenAIProvider());
        builder.Services.AddOpenAIGateway(configuration);
        var app = builder.Build();
        app.MapOpenAIGateway();
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GatewayServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <summary>The official OpenAI SDK pointed at the gateway, SDK retries off (so each status is seen as sent).</summary>
    public OpenAIClient Client(string key) =>
        new(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = V1, RetryPolicy = new ClientRetryPolicy(0) });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
