using AiFunctions.FunctionApp.Durable;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Durable;

/// <summary>The processors' task-hub client reads the hub from the repository's host.json and the host's storage setting.</summary>
public sealed class TaskHubOptionsTests
{
    private static string HostJson => Path.Combine(TestPaths.RepoRoot, "host.json");

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Reads_hub_and_partitions_from_host_json_and_the_connection_string()
    {
        var options = TaskHubOptions.From(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")), HostJson);

        Assert.Equal("aifunctions", options.TaskHubName);
        Assert.Equal(4, options.PartitionCount);
        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.Null(options.AccountName);
    }

    [Fact]
    public void Uses_the_identity_based_account_when_there_is_no_connection_string()
    {
        var options = TaskHubOptions.From(Settings(("AzureWebJobsStorage:accountName", "staifn"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")), HostJson);

        Assert.Null(options.ConnectionString);
        Assert.Equal("staifn", options.AccountName);
        Assert.Equal("00000000-0000-0000-0000-000000000001", options.ManagedIdentityClientId);
    }

    [Fact]
    public void Without_storage_settings_fails_naming_them()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TaskHubOptions.From(Settings(), HostJson));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_host_json_fails_naming_the_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "host.json");

        var error = Assert.Throws<InvalidOperationException>(() => TaskHubOptions.From(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")), missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
