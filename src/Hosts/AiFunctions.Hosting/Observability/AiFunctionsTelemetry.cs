using AiFunctions.Events.Telemetry;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Workflows.Telemetry;

namespace AiFunctions.Hosting.Observability;

/// <summary>
/// Every ActivitySource and Meter both hosts collect (docs/observability.md lists their spans, instruments and
/// attributes), and the settings that switch exporters on.
/// </summary>
public static class AiFunctionsTelemetry
{
    /// <summary>The Durable Task SDK's ActivitySource (Microsoft.DurableTask 1.x: <c>create_orchestration:</c>, <c>orchestration:</c>, <c>activity:</c> spans).</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>Microsoft.Extensions.AI's OpenTelemetry chat client default source and meter (gen_ai semantic conventions).</summary>
    public const string ExtensionsAiSource = "Experimental.Microsoft.Extensions.AI";

    /// <summary>The AppContext switch that makes Azure SDK clients emit spans through ActivitySource (Azure.Core).</summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>Standard OTLP exporter endpoint variable; OTLP export is on when it (or a per-signal one) is set.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Azure Monitor export is on when this is set (Application Insights connection string).</summary>
    public const string AppInsightsConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Span sources: ours, the Durable Task SDK's, M.E.AI's and the Azure SDK clients' (Service Bus, Storage, Event Grid).</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
    [
        KernelTelemetry.ActivitySourceName,
        WorkflowTelemetry.SourceName,
        EventTelemetry.SourceName,
        DurableTaskSource,
        ExtensionsAiSource,
        "Microsoft.Extensions.AI",
        "Azure.Messaging.ServiceBus.*",
        "Azure.Messaging.EventGrid.*",
        "Azure.Storage.*",
        "Azure.Data.Tables.*",
    ];

    /// <summary>Meters: ours and M.E.AI's (ASP.NET Core and HttpClient meters come with their instrumentation).</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        KernelTelemetry.MeterName,
        WorkflowTelemetry.SourceName,
        EventTelemetry.SourceName,
        ExtensionsAiSource,
        "Microsoft.Extensions.AI",
    ];
}
