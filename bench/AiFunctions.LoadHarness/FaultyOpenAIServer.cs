using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFunctions.LoadHarness;

/// <summary>The kinds of fault the faulty target injects, in equal shares of its fault rate (public provider bug reports).</summary>
internal enum WireFault
{
    /// <summary>429 with <c>Retry-After: 1</c> (delay-seconds).</summary>
    RateLimitedSeconds,

    /// <summary>429 with <c>Retry-After</c> as an IMF-fixdate two seconds ahead.</summary>
    RateLimitedHttpDate,

    /// <summary>500 server_error.</summary>
    InternalError,

    /// <summary>503 Service Unavailable.</summary>
    Unavailable,

    /// <summary>529 overloaded (Anthropic-style status on an OpenAI-compatible server).</summary>
    Overloaded,

    /// <summary>No answer for 20 s (longer than the route's per-attempt timeout).</summary>
    Stall,

    /// <summary>200 with a body no client can read.</summary>
    MalformedBody,

    /// <summary>200 with a well-formed completion whose content does not match the schema.</summary>
    SchemaInvalid,

    /// <summary>200 with <c>choices: []</c>.</summary>
    EmptyChoices,

    /// <summary>The connection is reset before any answer.</summary>
    ConnectionReset,
}

/// <summary>
/// A loopback OpenAI-compatible chat-completions server (Kestrel on 127.0.0.1, free port) for the fault load run. Each
/// request waits <c>latency</c> under a concurrency limit and answers a valid screening assessment built from the prompt
/// (every criterion id, verbatim evidence from the resume), except that a share <c>faultRate</c> of requests — chosen
/// by a seeded random generator — gets one of the <see cref="WireFault"/> kinds, in equal shares.
/// </summary>
internal sealed partial class FaultyOpenAIServer : IAsyncDisposable
{
    private static readonly WireFault[] Faults = Enum.GetValues<WireFault>();
    private readonly WebApplication _app;
    private readonly TimeSpan _latency;
    private readonly SemaphoreSlim _gate;
    private readonly Random _random;
    private readonly ConcurrentDictionary<WireFault, int> _injected = new();
    private readonly ConcurrentQueue<ServedRequest> _log = new();
    private long _epoch = System.Diagnostics.Stopwatch.GetTimestamp();
    private int _requests;
    private int _ok;

    private FaultyOpenAIServer(WebApplication app, TimeSpan latency, int concurrency, int seed)
    {
        _app = app;
        _latency = latency;
        _gate = new SemaphoreSlim(concurrency, concurrency);
        _random = new Random(seed);
    }

    /// <summary>Share of requests that get a fault (0-1); change between runs.</summary>
    public double FaultRate { get; set; }

    public Uri BaseAddress { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    public int Succeeded => Volatile.Read(ref _ok);

    public IReadOnlyDictionary<WireFault, int> Injected => _injected;

    /// <summary>Every request since <see cref="ResetCounters"/>: the candidate it was for, when it came and ended, and its fault.</summary>
    public IReadOnlyCollection<ServedRequest> Log => _log;

    public static async Task<FaultyOpenAIServer> StartAsync(TimeSpan latency, int concurrency, int seed)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FaultyOpenAIServer(app, latency, concurrency, seed);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address + "/v1/");
        return server;
    }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _ok, 0);
        _injected.Clear();
        _log.Clear();
        Interlocked.Exchange(ref _epoch, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    private TimeSpan Now() => System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref _epoch));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        var received = Now();
        string body;
        using (var reader = new StreamReader(http.Request.Body))
        {
            body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        }

        WireFault? fault;
        lock (_random)
        {
            fault = _random.NextDouble() < FaultRate ? Faults[_random.Next(Faults.Length)] : null;
        }

        var candidate = CandidateNumber().Match(body) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var outcome = fault?.ToString() ?? "ok";
        await _gate.WaitAsync(http.RequestAborted).ConfigureAwait(false);
        try
        {
            await Task.Delay(_latency, http.RequestAborted).ConfigureAwait(false);
            if (fault is { } f)
            {
                _injected.AddOrUpdate(f, 1, (_, n) => n + 1);
                await WriteFaultAsync(http, f).ConfigureAwait(false);
                return;
            }

            await WriteJsonAsync(http, 200, Completion(Assessment(body))).ConfigureAwait(false);
            Interlocked.Increment(ref _ok);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its per-attempt timeout).
            outcome += " (client gave up)";
        }
        finally
        {
            _gate.Release();
            _log.Enqueue(new ServedRequest(candidate, received, Now(), outcome));
        }
    }

    private static async Task WriteFaultAsync(HttpContext http, WireFault fault)
    {
        switch (fault)
        {
            case WireFault.RateLimitedSeconds:
                http.Response.Headers["Retry-After"] = "1";
                await WriteJsonAsync(http, 429, Error("rate_limit_exceeded", "requests")).ConfigureAwait(false);
                break;
            case WireFault.RateLimitedHttpDate:
                http.Response.Headers["Retry-After"] = DateTimeOffset.UtcNow.AddSeconds(2).ToString("r", CultureInfo.InvariantCulture);
                await WriteJsonAsync(http, 429, Error("rate_limit_exceeded", "requests")).ConfigureAwait(false);
                break;
            case WireFault.InternalError:
                await WriteJsonAsync(http, 500, Error(null, "server_error")).ConfigureAwait(false);
                break;
            case WireFault.Unavailable:
                await WriteJsonAsync(http, 503, Error(null, "server_error")).ConfigureAwait(false);
                break;
            case WireFault.Overloaded:
                await WriteJsonAsync(http, 529, Error("overloaded", "overloaded_error")).ConfigureAwait(false);
                break;
            case WireFault.Stall:
                await Task.Delay(TimeSpan.FromSeconds(20), http.RequestAborted).ConfigureAwait(false);
                await WriteJsonAsync(http, 503, Error(null, "server_error")).ConfigureAwait(false);
                break;
            case WireFault.MalformedBody:
                await WriteRawAsync(http, 200, "{\"id\":\"chatcmpl-x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assist").ConfigureAwait(false);
                break;
            case WireFault.SchemaInvalid:
                await WriteJsonAsync(http, 200, Completion("{\"verdict\":\"strong hire\",\"score\":\"high\"}")).ConfigureAwait(false);
                break;
            case WireFault.EmptyChoices:
                await WriteJsonAsync(http, 200, JsonSerializer.Serialize(new { id = "chatcmpl-x", @object = "chat.completion", created = 1_700_000_000, model = "fake-model", choices = Array.Empty<object>() })).ConfigureAwait(false);
                break;
            default:
                http.Features.Get<IHttpResetFeature>()?.Reset(0x2); // HTTP/2 INTERNAL_ERROR; on HTTP/1.1 fall back to an abort
                http.Abort();
                break;
        }
    }

    /// <summary>A valid assessment of the prompt's resume against its criteria: every id once, the first long resume line as evidence.</summary>
    private static string Assessment(string requestBody)
    {
        using var doc = JsonDocument.Parse(requestBody);
        var user = string.Join('\n', doc.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "user")
            .Select(m => m.GetProperty("content") is { ValueKind: JsonValueKind.String } c ? c.GetString() : string.Join('\n', m.GetProperty("content").EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : null))));
        var criteria = CriterionLine().Matches(user).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();
        var fence = FenceLine().Match(user);
        var resume = fence.Success ? user[(fence.Index + fence.Length)..] : string.Empty;
        var end = resume.IndexOf("<<<END-", StringComparison.Ordinal);
        resume = end >= 0 ? resume[..end] : resume;
        var quote = resume.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => l.Length >= 20);
        var score = 40 + (int)((uint)resume.Length * 2654435761u % 60);
        return JsonSerializer.Serialize(new
        {
            criteria = criteria.Select(id => new { criterionId = id, score, met = true, evidence = quote is null ? Array.Empty<string>() : [quote], rationale = "Fake assessment for the fault run." }).ToArray(),
            mustHavesMet = true,
            overallScore = score,
            concerns = Array.Empty<string>(),
            summary = "Fake assessment for the fault run.",
        });
    }

    private static string Completion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "fake-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 900, completion_tokens = 200, total_tokens = 1100 },
    });

    private static string Error(string? code, string type) => JsonSerializer.Serialize(new { error = new { message = "fake fault", type, code } });

    private static async Task WriteJsonAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteRawAsync(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }

    [GeneratedRegex(@"engineer number (\d+) ")]
    private static partial Regex CandidateNumber();

    [GeneratedRegex(@"^- (\S+) \| (?:must-have|nice-to-have) \|", RegexOptions.Multiline)]
    private static partial Regex CriterionLine();

    [GeneratedRegex(@"<<<RESUME-[0-9A-F]+>>>\r?\n")]
    private static partial Regex FenceLine();
}

/// <summary>One request the fake served: the harness candidate number it was for (0: unknown), when it came and ended (since the last reset), and its fault or "ok".</summary>
internal sealed record ServedRequest(int Candidate, TimeSpan Received, TimeSpan Ended, string Outcome);
