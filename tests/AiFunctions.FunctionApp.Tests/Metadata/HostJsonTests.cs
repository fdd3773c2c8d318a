using System.Text.Json.Nodes;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Metadata;

/// <summary>The repository's host.json: linked into the app, and the settings whose loss would break parity or leak data.</summary>
public sealed class HostJsonTests
{
    private static readonly string RootFile = Path.Combine(TestPaths.RepoRoot, "host.json");

    private static JsonNode Host => JsonNode.Parse(File.ReadAllText(RootFile))!;

    [Fact]
    public void Is_copied_unchanged_into_the_app_output()
    {
        var copied = Path.Combine(TestPaths.FunctionAppOutput, "host.json");

        Assert.True(File.Exists(copied), $"{copied} is missing: the project links host.json from the repository root.");
        Assert.Equal(File.ReadAllText(RootFile), File.ReadAllText(copied));
    }

    [Fact]
    public void Routes_are_not_prefixed_so_urls_equal_the_route_table()
    {
        Assert.Equal(string.Empty, (string?)Host["extensions"]?["http"]?["routePrefix"]);
    }

    [Fact]
    public void Orchestration_inputs_and_outputs_never_reach_the_logs()
    {
        var tracing = Host["extensions"]!["durableTask"]!["tracing"]!;

        Assert.False((bool)tracing["traceInputsAndOutputs"]!);
        Assert.False((bool)tracing["traceReplayEvents"]!);
    }

    [Fact]
    public void Uses_the_worker_extensions_not_an_extension_bundle()
    {
        // An isolated-worker app gets its extensions from the generated WorkerExtensions project; a bundle would load others.
        Assert.Null(Host["extensionBundle"]);
        Assert.Equal("2.0", (string?)Host["version"]);
    }

    [Fact]
    public void Durable_task_hub_uses_the_host_storage_and_a_fixed_partition_count()
    {
        var durable = Host["extensions"]!["durableTask"]!;
        var provider = durable["storageProvider"]!;

        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", (string)durable["hubName"]!);
        Assert.Equal("AzureStorage", (string?)provider["type"]);
        Assert.Equal("AzureWebJobsStorage", (string?)provider["connectionName"]);
        Assert.InRange((int)provider["partitionCount"]!, 1, 16);
        Assert.True(TimeSpan.Parse((string)provider["maxQueuePollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture) <= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Function_timeout_is_bounded()
    {
        var timeout = TimeSpan.Parse((string)Host["functionTimeout"]!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(timeout, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30));
    }
}
