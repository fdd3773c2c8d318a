using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;

namespace AiFunctions.Host.Durable;

/// <summary>Builds the DTFx orchestration service the sidecar dispatches from, per <see cref="DurableBackendOptions"/>.</summary>
internal static class OrchestrationServiceFactory
{
    public static IOrchestrationService Create(DurableBackendOptions options, ILoggerFactory loggerFactory) => options.Backend switch
    {
        DurableBackendKind.AzureStorage => new SidecarCompatibleOrchestrationService<AzureStorageOrchestrationService>(new AzureStorageOrchestrationService(CreateAzureStorageSettings(options, loggerFactory))),
        // Its concurrency is fixed at Environment.ProcessorCount; test runs raise it with DOTNET_PROCESSOR_COUNT.
        DurableBackendKind.InMemory => new InMemoryOrchestrationService(loggerFactory),
        _ => throw new InvalidOperationException(
            $"Setting '{DurableBackendOptions.Section}:Backend' is '{options.Backend}'. Use AzureStorage (or InMemory in tests)."),
    };

    public static AzureStorageOrchestrationServiceSettings CreateAzureStorageSettings(DurableBackendOptions options, ILoggerFactory loggerFactory)
    {
        // Lease renewal and acquisition run at a third of the lease so a lease is renewed twice before it could lapse,
        // and a partition freed by a dead worker is picked up within a third of the interval after it expires.
        var leaseStep = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, options.LeaseInterval.Ticks / 3));
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.StorageConnectionString),
            TaskHubName = options.TaskHubName,
            WorkerId = options.WorkerId,
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            LeaseInterval = options.LeaseInterval,
            LeaseRenewInterval = leaseStep,
            LeaseAcquireInterval = leaseStep,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            LoggerFactory = loggerFactory,
            CustomMessageTypeBinder = new ProtobufTagsTypeBinder(),
        };
    }
}
