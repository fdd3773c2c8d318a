using AiFunctions.Events.Orchestration;
using Azure.Identity;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.Extensions.Logging;

namespace AiFunctions.FunctionApp.Durable;

/// <summary>
/// <see cref="IOrchestrationStarter"/> for the processor-hosted event handlers in the Functions app. They run in hosted
/// services, outside any function invocation, where the <c>[DurableClient]</c> binding does not exist; so this client
/// writes the start message straight into the Functions host's task hub (same storage, hub name and partition count as
/// host.json), and the host's Durable extension runs the orchestration like any other. Same idempotency contract as
/// the events library's <c>DurableTaskOrchestrationStarter</c>: an existing instance is never started again.
/// </summary>
public sealed class TaskHubOrchestrationStarter : IOrchestrationStarter
{
    private readonly TaskHubClient client;

    public TaskHubOrchestrationStarter(TaskHubOptions options, ILoggerFactory loggerFactory)
        : this(new AzureStorageOrchestrationService(CreateSettings(options)), loggerFactory)
    {
    }

    internal TaskHubOrchestrationStarter(IOrchestrationServiceClient serviceClient, ILoggerFactory loggerFactory)
    {
        client = new TaskHubClient(serviceClient, new SystemTextJsonDataConverter(), loggerFactory);
    }

    public async Task<bool> StartIfAbsentAsync(string orchestratorName, string instanceId, object input, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(instanceId).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            await client.CreateOrchestrationInstanceAsync(orchestratorName, string.Empty, instanceId, input).ConfigureAwait(false);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    private async Task<bool> ExistsAsync(string instanceId) =>
        await client.GetOrchestrationStateAsync(instanceId).ConfigureAwait(false) is not null;

    internal static AzureStorageOrchestrationServiceSettings CreateSettings(TaskHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = options.ConnectionString is { } connectionString
            ? new StorageAccountClientProvider(connectionString)
            : new StorageAccountClientProvider(options.AccountName!, new ManagedIdentityCredential(options.ManagedIdentityClientId is { } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned));
        return new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHubName,
            PartitionCount = options.PartitionCount,
            StorageAccountClientProvider = provider,
        };
    }
}
