using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Providers.Tests.Conformance.Fakes;

/// <summary>
/// A loopback Kestrel server (127.0.0.1, free port) that answers in one provider's wire format. Replies are
/// scripted per request (<see cref="Enqueue"/>); with none left it answers <see cref="DefaultReply"/>. Every request
/// is recorded with headers and body so tests can assert on what the real SDK sent.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeProviderServer(WebApplication app, ProviderWire wire)
    {
        _app = app;
        Wire = wire;
    }

    public ProviderWire Wire { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public FakeReply DefaultReply { get; set; } = new FakeReply.Text("Hello from the fake provider.");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>How many requests reached the fake (every SDK attempt counts, so SDK retries would show here).</summary>
    public int RequestCount => _requests.Count;

    /// <summary>Requests the client gave up on (cancelled or timed out) before the fake had answered.</summary>
    public int AbortedCount => Volatile.Read(ref _aborted);

    public static async Task<FakeProviderServer> StartAsync(ProviderWire wire)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeProviderServer(app, wire);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    public FakeProviderServer Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }

        return this;
    }

    public void Reset()
    {
        _script.Clear();
        _requests.Clear();
        DefaultReply = new FakeReply.Text("Hello from the fake provider.");
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        var request = new RecordedRequest(
            http.Request.Method,
            http.Request.Path.Value ?? "/",
            http.Request.QueryString.Value ?? string.Empty,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            DateTimeOffset.UtcNow);
        _requests.Enqueue(request);
        var reply = _script.TryDequeue(out var next) ? next : DefaultReply;
        try
        {
            await Wire.WriteAsync(http, request, reply).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (timeout scenario, a hedge's loser); nothing to answer.
            Interlocked.Increment(ref _aborted);
        }
    }

    private int _disposed;
    private int _aborted;

    /// <summary>Stops the server; a second call does nothing (a test may stop it early to refuse connections).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
