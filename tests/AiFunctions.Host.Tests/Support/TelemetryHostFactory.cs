using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AiFunctions.Host.Tests.Support;

/// <summary>
/// The in-memory host with OpenTelemetry's in-memory exporters on every signal, and screening routed to a
/// <see cref="FakeOpenAIServer"/> so batches make real provider HTTP calls. ActivitySources are process-wide: filter
/// spans by trace id.
/// </summary>
public class TelemetryHostFactory : InMemoryHostFactory, IAsyncLifetime
{
    private FakeOpenAIServer? _provider;

    public ExportedItems<Activity> Spans { get; } = new();

    public ExportedItems<Metric> Metrics { get; } = new();

    public ExportedItems<LogRecord> Logs { get; } = new();

    public FakeOpenAIServer Provider => _provider ?? throw new InvalidOperationException("Not started.");

    /// <summary>The webhook's shared key (events are handled in the request: intake mode Direct, no Service Bus here).</summary>
    public const string IntakeKey = "telemetry-intake-key";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(Provider.RouteSettings)
    {
        ["AiFunctions:Events:Intake:Mode"] = "Direct",
        ["AiFunctions:Events:Intake:SharedKey"] = IntakeKey,
    };

    public async Task InitializeAsync() => _provider = await FakeOpenAIServer.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics));
            services.ConfigureOpenTelemetryLoggerProvider(l => l.AddInMemoryExporter(Logs));
        });
    }

    /// <summary>Flushes every provider, then returns a snapshot of the spans of one trace.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId)
    {
        Flush();
        lock (Spans)
        {
            return Spans.Where(s => s.TraceId == traceId).ToList();
        }
    }

    public void Flush()
    {
        Services.GetRequiredService<TracerProvider>().ForceFlush();
        Services.GetRequiredService<MeterProvider>().ForceFlush();
        Services.GetService<LoggerProvider>()?.ForceFlush();
    }
}
