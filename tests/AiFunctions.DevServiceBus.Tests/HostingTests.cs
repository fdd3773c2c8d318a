using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task AddDevServiceBus_starts_the_broker_with_the_host_and_exposes_its_connection_string()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDevServiceBus(options =>
        {
            options.Port = 0;
            options.Entities = TestEntities.Create();
        });
        using var host = builder.Build();
        var broker = host.Services.GetRequiredService<DevServiceBusBroker>();
        Assert.False(broker.IsRunning);

        await host.StartAsync();
        await using (var client = new ServiceBusClient(broker.ConnectionString))
        {
            await client.CreateSender("basic").SendMessageAsync(new ServiceBusMessage("hosted"));
            await using var receiver = client.CreateReceiver("basic", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
            Assert.Equal("hosted", (await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10)))?.Body.ToString());
        }

        await host.StopAsync();
        Assert.False(broker.IsRunning);
    }

    [Fact]
    public async Task AddDevServiceBus_binds_the_config_path_and_port_from_a_configuration_section()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DevServiceBus:ConfigurationPath"] = ConfigurationTests.RepositoryConfigPath(),
            ["DevServiceBus:Port"] = "0",
        });
        builder.Services.AddDevServiceBus(builder.Configuration.GetSection("DevServiceBus"));
        using var host = builder.Build();

        await host.StartAsync();
        var broker = host.Services.GetRequiredService<DevServiceBusBroker>();
        await using (var client = new ServiceBusClient(broker.ConnectionString))
        {
            await client.CreateSender("ai-events").SendMessageAsync(new ServiceBusMessage("audit me"));
            await using var audit = client.CreateReceiver("ai-events", "audit", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
            Assert.Equal("audit me", (await audit.ReceiveMessageAsync(TimeSpan.FromSeconds(10)))?.Body.ToString());
        }

        await host.StopAsync();
    }

    [Fact]
    public void A_fixed_port_gives_the_connection_string_before_start()
    {
        var broker = new DevServiceBusBroker(Microsoft.Extensions.Options.Options.Create(new DevServiceBusOptions { Port = 5999 }));

        Assert.Equal(
            "Endpoint=sb://127.0.0.1:5999;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
            broker.ConnectionString);
    }

    [Fact]
    public async Task The_standalone_process_prints_its_connection_string_and_serves_the_config_entities()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "AiFunctions.DevServiceBus.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { tool, "--config", ConfigurationTests.RepositoryConfigPath(), "--port", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            string? connectionString = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (connectionString is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                connectionString = line.StartsWith("Endpoint=sb://127.0.0.1:", StringComparison.Ordinal) ? line : null;
            }

            Assert.NotNull(connectionString);
            await using var client = new ServiceBusClient(connectionString);
            await client.CreateSender("screening-requests").SendMessageAsync(new ServiceBusMessage("batch job"));
            await using var receiver = client.CreateReceiver("screening-requests");
            var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("batch job", received?.Body.ToString());
            await receiver.CompleteMessageAsync(received!);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
