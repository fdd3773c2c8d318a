using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.FunctionApp.Durable;

/// <summary>
/// Where the Functions host keeps its Durable Task hub: the hub name and partition count from host.json (so the
/// processors' client writes to the same control queues the host reads), and the storage connection the host uses
/// (<c>AzureWebJobsStorage</c>: a connection string locally, or <c>AzureWebJobsStorage__accountName</c> with a
/// managed identity in Azure).
/// </summary>
public sealed record TaskHubOptions(string TaskHubName, int PartitionCount, string? ConnectionString, string? AccountName, string? ManagedIdentityClientId)
{
    public const string StorageSetting = "AzureWebJobsStorage";

    /// <summary>Reads host.json (next to the app) and the storage settings; fails naming the setting that is missing.</summary>
    public static TaskHubOptions From(IConfiguration configuration, string hostJsonPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!File.Exists(hostJsonPath))
        {
            throw new InvalidOperationException($"host.json was not found at '{hostJsonPath}'. It is copied next to the app by the build (linked from the repository root).");
        }

        var durable = JsonNode.Parse(File.ReadAllText(hostJsonPath))?["extensions"]?["durableTask"];
        var hub = (string?)durable?["hubName"];
        var partitions = (int?)durable?["storageProvider"]?["partitionCount"];
        if (string.IsNullOrWhiteSpace(hub) || partitions is null)
        {
            throw new InvalidOperationException($"'{hostJsonPath}' must set extensions.durableTask.hubName and extensions.durableTask.storageProvider.partitionCount.");
        }

        var connectionString = configuration[StorageSetting];
        var accountName = configuration[$"{StorageSetting}:accountName"];
        if (string.IsNullOrWhiteSpace(connectionString) && string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException($"Set {StorageSetting} (a connection string, UseDevelopmentStorage=true locally) or {StorageSetting}__accountName (managed identity in Azure).");
        }

        return new TaskHubOptions(hub, partitions.Value, string.IsNullOrWhiteSpace(connectionString) ? null : connectionString, accountName, configuration[$"{StorageSetting}:clientId"]);
    }
}
