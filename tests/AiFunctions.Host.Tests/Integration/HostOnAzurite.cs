using AiFunctions.DevServices;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Security;
using AiFunctions.Testing;

namespace AiFunctions.Host.Tests.Integration;

/// <summary>
/// Settings for the built host as a child process on the Azure Storage backend in Azurite, with its own task hub and
/// table prefix, and short visibility timeouts and leases so crash recovery takes seconds, not minutes.
/// </summary>
public sealed class HostOnAzurite(AzuriteFixture azurite)
{
    /// <summary>The key of a principal holding every role in tenant "contoso" (the host gets only its hash).</summary>
    public const string ApiKey = "integration-key-0123456789abcdef0123456789";

    private readonly string _name = AzuriteFixture.UniqueName("it");

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["AiFunctions__Auth__ApiKeys__integration__KeyHash"] = ApiKeyHash.Compute(ApiKey),
        ["AiFunctions__Auth__ApiKeys__integration__Tenant"] = "contoso",
        ["AiFunctions__Auth__ApiKeys__integration__Roles__0"] = ApiRoles.Submitter,
        ["AiFunctions__Auth__ApiKeys__integration__Roles__1"] = ApiRoles.Reviewer,
        ["AiFunctions__Auth__ApiKeys__integration__Roles__2"] = ApiRoles.Operator,
        ["AiFunctions__Auth__ApiKeys__integration__Roles__3"] = ApiRoles.Auditor,
        ["AiFunctions__Durable__StorageConnectionString"] = azurite.ConnectionString,
        ["AiFunctions__Durable__TaskHubName"] = _name,
        ["AiFunctions__Durable__WorkerId"] = _name + "-worker",
        ["AiFunctions__Durable__MaxQueuePollingInterval"] = "00:00:00.100",
        ["AiFunctions__Durable__WorkItemQueueVisibilityTimeout"] = "00:00:05",
        ["AiFunctions__Durable__ControlQueueVisibilityTimeout"] = "00:00:05",
        ["AiFunctions__Durable__LeaseInterval"] = "00:00:06",
        ["AiFunctions__Storage__ConnectionString"] = azurite.ConnectionString,
        ["AiFunctions__Storage__NamePrefix"] = _name,
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public Task<HostProcess> StartAsync() =>
        HostProcess.StartAsync(
            HostProcess.LocateHostDll(RepoRoot.Find()),
            Settings,
            Path.Combine(Path.GetTempPath(), $"aifunctions-{_name}-host.log"),
            TimeSpan.FromSeconds(90));

    public static HttpClient Client(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(ApiKeyHeader.Name, ApiKey);
        return client;
    }
}
