using AiFunctions.Hosting.Gateway;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Providers.OpenAI;

namespace AiFunctions.GatewayLoad;

/// <summary>
/// The gateway as the hosts serve it (AddAiKernel with the openai plugin + AddOpenAIGateway + MapOpenAIGateway) on
/// loopback, in front of the fake: route <c>bench</c> (redaction off) and <c>bench-redacted</c> (redaction on, the
/// path HR calls take), both one target with the kernel's defaults otherwise.
/// </summary>
internal static class GatewayProcess
{
    public const string Key = "sk-bench-0123456789abcdef";

    public static WebApplication Build(int port, Uri upstream, IEnumerable<KeyValuePair<string, string?>> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AiFunctions:Providers:fake:Plugin"] = "openai",
            ["AiFunctions:Providers:fake:Endpoint"] = new Uri(upstream, "v1").ToString(),
            ["AiFunctions:Providers:fake:ApiKey"] = "sk-fake",
            ["AiFunctions:Providers:fake:Models:0"] = "bench-model",
            ["AiFunctions:Routes:bench:Targets:0:Provider"] = "fake",
            ["AiFunctions:Routes:bench:Targets:0:Model"] = "bench-model",
            ["AiFunctions:Routes:bench:Redact"] = "false",
            ["AiFunctions:Routes:bench-redacted:Targets:0:Provider"] = "fake",
            ["AiFunctions:Routes:bench-redacted:Targets:0:Model"] = "bench-model",
            ["AiFunctions:Routes:bench-redacted:Redact"] = "true",
            ["AiFunctions:Gateway:Apps:bench:Tenant"] = "bench",
            ["AiFunctions:Gateway:Apps:bench:KeySha256:0"] = GatewayDirectory.Hash(Key),
            ["AiFunctions:Gateway:Apps:bench:Routes:0"] = "*",
        };
        foreach (var (k, v) in extra)
        {
            settings[k] = v;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        builder.Services.AddAiKernel(builder.Configuration, kernel => kernel.AddOpenAIProvider());
        builder.Services.AddOpenAIGateway(builder.Configuration);
        var app = builder.Build();
        app.MapOpenAIGateway();
        app.MapGet(AllocationProbe.Path, AllocationProbe.Read);
        return app;
    }
}
