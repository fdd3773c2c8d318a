using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AiFunctions.Hosting.Observability;

/// <summary>OpenTelemetry for both hosts: traces, metrics and logs of every AiFunctions layer, exported by configuration.</summary>
public static class AiFunctionsTelemetryExtensions
{
    /// <summary>
    /// Adds OpenTelemetry with the service name <paramref name="serviceName"/>: spans from
    /// <see cref="AiFunctionsTelemetry.ActivitySources"/> (the Azure SDK's through <see cref="AiFunctionsTelemetry.AzureActivitySourceSwitch"/>)
    /// and outbound HttpClient calls, sampled by <see cref="QuietBackgroundSampler"/> under the parent's decision;
    /// metrics from <see cref="AiFunctionsTelemetry.Meters"/> and HttpClient; logs with scopes (and so trace and span
    /// ids). Exports over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal <c>OTEL_EXPORTER_OTLP_*_ENDPOINT</c>)
    /// is set, configured by the standard <c>OTEL_EXPORTER_OTLP_*</c> variables. The host adds its own instrumentation
    /// (ASP.NET Core) and Azure Monitor on the returned builder.
    /// </summary>
    public static OpenTelemetryBuilder AddAiFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        AppContext.SetSwitch(AiFunctionsTelemetry.AzureActivitySourceSwitch, true);
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(AiFunctionsTelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource([.. AiFunctionsTelemetry.ActivitySources])
                .SetSampler(new ParentBasedSampler(new QuietBackgroundSampler()))
                .AddProcessor(new FailureReasonSpanProcessor())
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = KeepOutboundRequest))
            .WithMetrics(metrics => metrics
                .AddMeter([.. AiFunctionsTelemetry.Meters])
                .AddHttpClientInstrumentation())
            .WithLogging(_ => { }, o =>
            {
                o.IncludeScopes = true;
                o.IncludeFormattedMessage = true;
            });
        if (IsOtlpConfigured(configuration))
        {
            builder.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Whether an OTLP endpoint is configured (general or per signal).</summary>
    public static bool IsOtlpConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[AiFunctionsTelemetry.OtlpEndpointSetting])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"]);
    }

    /// <summary>Whether Azure Monitor export is configured (<c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>).</summary>
    public static bool IsAzureMonitorConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[AiFunctionsTelemetry.AppInsightsConnectionStringSetting]);
    }

    /// <summary>
    /// Outbound HTTP worth a span: calls made inside a trace (a provider call from an activity, a storage call from a
    /// handler). Not the Durable worker's gRPC traffic to its sidecar (covered by the Durable Task spans) and not
    /// background calls outside any trace (storage queue polling).
    /// </summary>
    internal static bool KeepOutboundRequest(HttpRequestMessage request)
    {
        if (request.Content?.Headers.ContentType?.MediaType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true
            || request.Headers.TryGetValues("te", out _))
        {
            return false;
        }

        // The instrumentation calls this with the request's own span current: keep it when it has a parent.
        return Activity.Current is { } span && span.ParentSpanId != default;
    }
}
