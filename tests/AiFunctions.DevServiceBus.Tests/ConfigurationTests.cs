using AiFunctions.ServiceBus.Configuration;
using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class ConfigurationTests
{
    internal static string RepositoryConfigPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "infra", "servicebus", "Config.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("infra/servicebus/Config.json was not found above the test output folder.");
    }

    [Fact]
    public void The_repository_config_describes_the_agreed_entities_with_iso_durations()
    {
        var configuration = ServiceBusEntityConfiguration.Load(RepositoryConfigPath());

        var queue = Assert.Single(configuration.Queues);
        Assert.Equal("screening-requests", queue.Name);
        Assert.Equal(5, queue.MaxDeliveryCount);
        Assert.Equal(TimeSpan.FromMinutes(1), queue.LockDuration);
        Assert.Equal(TimeSpan.FromHours(1), queue.DefaultMessageTimeToLive);
        Assert.True(queue.DeadLetteringOnMessageExpiration);

        var hrEvents = Assert.Single(configuration.Topics, t => t.Name == "hr-events");
        Assert.Equal(["screening", "requisitions", "employees"], hrEvents.Subscriptions.Select(s => s.Name));
        Assert.All(hrEvents.Subscriptions, s => Assert.Equal(5, s.MaxDeliveryCount));
        Assert.Equal(
            ["hr.requisition.opened", "hr.requisition.closed"],
            hrEvents.Subscriptions.Single(s => s.Name == "requisitions").Rules.Select(r => r.Correlation!.Properties["type"]));
        var aiEvents = Assert.Single(configuration.Topics, t => t.Name == "ai-events");
        Assert.Equal("audit", Assert.Single(aiEvents.Subscriptions).Name);
    }

    [Fact]
    public async Task A_broker_started_from_the_repository_config_routes_hr_events_by_type()
    {
        await using var broker = await DevServiceBusBroker.StartAsync(new DevServiceBusOptions { Port = 0, ConfigurationPath = RepositoryConfigPath() });
        await using var client = new ServiceBusClient(broker.ConnectionString);
        await client.CreateSender("hr-events").SendMessageAsync(new ServiceBusMessage("{}") { ApplicationProperties = { ["type"] = "hr.candidate.applied" } });

        await using var screening = client.CreateReceiver("hr-events", "screening");
        await using var employees = client.CreateReceiver("hr-events", "employees");
        Assert.Equal("hr.candidate.applied", (await screening.ReceiveMessageAsync(TimeSpan.FromSeconds(10)))?.ApplicationProperties["type"]);
        Assert.Null(await employees.PeekMessageAsync());
    }

    [Theory]
    [InlineData("""{"UserConfig":{"Namespaces":[{"Name":"n","Queues":[{"Name":"q","Properties":{"RequiresSession":true}}]}]}}""", "sessions")]
    [InlineData("""{"UserConfig":{"Namespaces":[{"Name":"n","Queues":[{"Name":"q","Properties":{"LockDuration":"one minute"}}]}]}}""", "ISO-8601")]
    [InlineData("""{"UserConfig":{"Namespaces":[{"Name":"n","Queues":[{"Name":"q","Properties":{"ForwardTo":"other"}}]}]}}""", "auto-forwarding")]
    [InlineData("""{"UserConfig":{"Namespaces":[{"Name":"n","Topics":[{"Name":"t","Subscriptions":[{"Name":"s","Rules":[{"Name":"r","Properties":{"FilterType":"Sql","SqlFilter":{"SqlExpression":"a = 1"}}}]}]}]}]}}""", "SQL")]
    [InlineData("""{"Namespaces":[]}""", "UserConfig.Namespaces")]
    [InlineData("""{"UserConfig":""", "not valid JSON")]
    public void Unsupported_or_invalid_configuration_fails_with_a_message_that_names_the_problem(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ServiceBusEntityConfiguration.Parse(json, "test.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_fails_with_a_message_that_names_the_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ServiceBusEntityConfiguration.Load("does/not/exist.json"));

        Assert.Contains("exist.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_without_entities_fails_and_names_the_options_to_set()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DevServiceBusBroker.StartAsync(new DevServiceBusOptions { Port = 0 }));

        Assert.Contains("ConfigurationPath", error.Message, StringComparison.Ordinal);
    }
}
