using AiFunctions.Hosting.Observability;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AiFunctions.Host.Observability;

/// <summary>The standalone host's telemetry: the shared setup plus ASP.NET Core, console logs with trace ids, Azure Monitor.</summary>
internal static class HostTelemetry
{
    /// <summary>The OpenTelemetry service name (<c>service.name</c>).</summary>
    public const string ServiceName = "aifunctions-host";

    /// <summary>
    /// Adds <see cref="AiFunctionsTelemetryExtensions.AddAiFunctionsTelemetry"/> with ASP.NET Core server spans and
    /// metrics, console logs that carry each record's trace and span id as a scope, and Azure Monitor
    /// (Azure.Monitor.OpenTelemetry.AspNetCore) when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set.
    /// </summary>
    public static WebApplicationBuilder AddHostTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.IncludeScopes = true;
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });

        var otel = builder.Services.AddAiFunctionsTelemetry(builder.Configuration, ServiceName)
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = KeepInboundRequest))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation());
        if (AiFunctionsTelemetryExtensions.IsAzureMonitorConfigured(builder.Configuration))
        {
            // Entra ID ingestion (local authentication is off on the Application Insights resource the Bicep creates).
            otel.UseAzureMonitor(o => o.Credential = new Azure.Identity.DefaultAzureCredential());
        }

        return builder;
    }

    /// <summary>Requests worth a server span: not health probes, not the embedded Durable sidecar's gRPC.</summary>
    internal static bool KeepInboundRequest(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        && context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true;
}
