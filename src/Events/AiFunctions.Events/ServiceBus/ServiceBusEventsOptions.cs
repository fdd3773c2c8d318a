namespace AiFunctions.Events.ServiceBus;

/// <summary>
/// Service Bus for events. The connection is <c>AiFunctions:ServiceBus:ConnectionString</c> (dev broker, emulator, or a
/// SAS string) or <c>AiFunctions:ServiceBus:FullyQualifiedNamespace</c> with managed identity in Azure; the processors'
/// tuning is under <c>AiFunctions:Events:ServiceBus</c>. Entity names, lock durations and max delivery counts come from
/// the emulator-format Config.json (<see cref="EntityConfigurationPath"/>) that also feeds the dev broker and Bicep.
/// </summary>
public sealed class ServiceBusEventsOptions
{
    public const string ConnectionSectionName = "AiFunctions:ServiceBus";
    public const string SectionName = "AiFunctions:Events:ServiceBus";

    public string? ConnectionString { get; set; }

    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>The emulator-format entity file; a relative path is looked up from the working and app directories upwards.</summary>
    public string EntityConfigurationPath { get; set; } = "infra/servicebus/Config.json";

    /// <summary>Run the processors (the handlers). Off for a host that only publishes or only takes HTTP intake.</summary>
    public bool ProcessorsEnabled { get; set; } = true;

    /// <summary>Topic the HR events arrive on. Its subscriptions' correlation filters (<c>type</c>) say which handler each runs.</summary>
    public string HrEventsTopic { get; set; } = "hr-events";

    /// <summary>Queue of batch screening requests.</summary>
    public string ScreeningRequestsQueue { get; set; } = "screening-requests";

    /// <summary>Concurrent handler calls per processor. Default 16.</summary>
    public int MaxConcurrentCalls { get; set; } = 16;

    /// <summary>Messages prefetched per processor. Default 32 (keep well under lock duration × throughput).</summary>
    public int PrefetchCount { get; set; } = 32;

    /// <summary>How long the processor keeps renewing the lock of a slow handler. Default 5 minutes.</summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromMinutes(5);

    public bool HasConnection => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(FullyQualifiedNamespace);
}
