using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Host.Tests.Support;

/// <summary>
/// A loopback Kestrel server speaking OpenAI chat completions that answers every call with a valid screening
/// assessment for <see cref="Batches.Criteria"/> with evidence quoted verbatim from <see cref="Batches.Resume"/> (a score above 0 without evidence is held), so a batch reaches a real provider HTTP call.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    public const string Model = "gpt-4o-mini";

    private readonly WebApplication _app;
    private int _calls;

    private FakeOpenAIServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int Calls => _calls;

    /// <summary>The settings that route screening to this server through the OpenAI plugin (instance "fake").</summary>
    public IReadOnlyDictionary<string, string> RouteSettings => new Dictionary<string, string>
    {
        ["AiFunctions:Providers:fake:Plugin"] = "openai",
        ["AiFunctions:Providers:fake:Endpoint"] = new Uri(BaseAddress, "v1").ToString(),
        ["AiFunctions:Providers:fake:ApiKey"] = "sk-test-not-a-real-key",
        ["AiFunctions:Providers:fake:Models:0"] = Model,
        ["AiFunctions:Routes:screening:Targets:0:Provider"] = "fake",
        ["AiFunctions:Routes:screening:Targets:0:Model"] = Model,
    };

    public static async Task<FakeOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOpenAIServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        using var reader = new StreamReader(context.Request.Body);
        await reader.ReadToEndAsync().ConfigureAwait(false);
        var assessment = new
        {
            criteria = new object[]
            {
                new { criterionId = "must-1", score = 80, met = true, evidence = new[] { "wrote and tested production services in C# and Java" }, rationale = "Production C# and Java work is described." },
                new { criterionId = "nice-1", score = 70, met = true, evidence = new[] { "led design reviews with stakeholders" }, rationale = "Code review and mentoring are described." },
            },
            mustHavesMet = true,
            overallScore = 78,
            concerns = Array.Empty<string>(),
            summary = "Meets the must-have criterion.",
        };
        var body = new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = Model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = JsonSerializer.Serialize(assessment) }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 120, completion_tokens = 60, total_tokens = 180 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
