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
/// A request whose text contains one of the fault markers (<see cref="Fault429"/> …) gets that fault instead, and every
/// request's trace headers are recorded (<see cref="TraceHeaders"/>), so tests can see what reaches a third party.
/// </summary>
public sealed class FakeOpenAIServer : IAsyncDisposable
{
    public const string Model = "gpt-4o-mini";

    /// <summary>429 with <c>Retry-After: 1</c> and a body that echoes the request (as some providers' errors quote the input).</summary>
    public const string Fault429 = "FAULTMARK-RATE";

    /// <summary>500 with a body that echoes the request.</summary>
    public const string Fault500 = "FAULTMARK-SERVER";

    /// <summary>200 with a body that is not JSON but quotes the request.</summary>
    public const string FaultMalformed = "FAULTMARK-MALFORMED";

    /// <summary>400 invalid_request_error whose message quotes the whole request (prompt and resume).</summary>
    public const string Fault400Echo = "FAULTMARK-ECHO";

    /// <summary>No answer until the caller gives up (the route's attempt timeout).</summary>
    public const string FaultHang = "FAULTMARK-HANG";

    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Name, string Value)> _traceHeaders = new();
    private int _calls;

    private FakeOpenAIServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int Calls => _calls;

    /// <summary>The trace-context and baggage headers (<c>traceparent</c>, <c>tracestate</c>, <c>baggage</c>, <c>Correlation-Context</c>) of every request received.</summary>
    public IReadOnlyList<(string Name, string Value)> TraceHeaders => [.. _traceHeaders];

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
        foreach (var name in new[] { "traceparent", "tracestate", "baggage", "Correlation-Context", "Request-Id" })
        {
            if (context.Request.Headers.TryGetValue(name, out var values))
            {
                _traceHeaders.Enqueue((name, values.ToString()));
            }
        }

        using var reader = new StreamReader(context.Request.Body);
        var request = await reader.ReadToEndAsync().ConfigureAwait(false);
        if (await TryFaultAsync(context, request).ConfigureAwait(false))
        {
            return;
        }

        if (request.Contains(DraftingPromptMarker, StringComparison.Ordinal))
        {
            await AnswerAsync(context, DraftAnswer).ConfigureAwait(false);
            return;
        }

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
        await AnswerAsync(context, assessment).ConfigureAwait(false);
    }

    /// <summary>How the job-description drafting prompt begins (JobDescriptionDraftFunction): such a request gets <see cref="DraftAnswer"/>.</summary>
    private const string DraftingPromptMarker = "You write job descriptions";

    /// <summary>
    /// The fake's job description: every section present (schema-valid), but in the coded wording the inclusive-language
    /// check flags ("rockstar", "ninja"), so a drafting replay on this fake shows a fall of the inclusive-language pass rate.
    /// </summary>
    public static readonly object DraftAnswer = new
    {
        title = "Platform Engineer",
        summary = "We want a rockstar ninja to run our platform.",
        responsibilities = new[] { "Run the platform" },
        requirements = new[] { "Kubernetes" },
        niceToHaves = Array.Empty<string>(),
        benefits = "Health care and a learning budget.",
        equalOpportunityStatement = "We are an equal opportunity employer.",
        markdown = "# Platform Engineer\n\nWe want a rockstar ninja to run our platform.",
    };

    private static async Task AnswerAsync(HttpContext context, object content)
    {
        var body = new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = Model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = JsonSerializer.Serialize(content) }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 120, completion_tokens = 60, total_tokens = 180 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body)).ConfigureAwait(false);
    }

    private static async Task<bool> TryFaultAsync(HttpContext context, string request)
    {
        static string Error(string type, string message) => JsonSerializer.Serialize(new { error = new { message, type, code = type } });
        if (request.Contains(FaultHang, StringComparison.Ordinal))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return true;
        }

        (int Status, string Body, string ContentType)? fault =
            request.Contains(Fault429, StringComparison.Ordinal) ? (429, Error("rate_limit_exceeded", "Rate limit reached for request: " + request), "application/json")
            : request.Contains(Fault500, StringComparison.Ordinal) ? (500, Error("server_error", "The server had an error processing: " + request), "application/json")
            : request.Contains(Fault400Echo, StringComparison.Ordinal) ? (400, Error("invalid_request_error", "Invalid 'messages': " + request), "application/json")
            : request.Contains(FaultMalformed, StringComparison.Ordinal) ? (200, "<html>upstream proxy error while handling " + request + "</html>", "application/json")
            : null;
        if (fault is not { } f)
        {
            return false;
        }

        context.Response.StatusCode = f.Status;
        context.Response.ContentType = f.ContentType;
        if (f.Status == 429)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        await context.Response.WriteAsync(f.Body).ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
