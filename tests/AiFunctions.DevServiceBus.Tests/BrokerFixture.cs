using AiFunctions.ServiceBus.Configuration;
using Azure.Messaging.ServiceBus;
using Xunit;

namespace AiFunctions.DevServiceBus.Tests;

/// <summary>Starts a dev broker on a free loopback port with the entities the tests use, and stops it afterwards.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    DevServiceBusBroker? broker;

    public DevServiceBusBroker Broker => broker ?? throw new InvalidOperationException("The fixture has not started.");

    public string ConnectionString => Broker.ConnectionString;

    public async Task InitializeAsync() =>
        broker = await DevServiceBusBroker.StartAsync(new DevServiceBusOptions { Port = 0, Entities = TestEntities.Create() });

    public async Task DisposeAsync()
    {
        if (broker is not null)
        {
            await broker.DisposeAsync();
        }
    }

    /// <summary>A client with short timeouts so that a broker fault fails a test quickly instead of retrying for minutes.</summary>
    public ServiceBusClient CreateClient() => new(ConnectionString, new ServiceBusClientOptions
    {
        RetryOptions = new ServiceBusRetryOptions { MaxRetries = 2, TryTimeout = TimeSpan.FromSeconds(15), Delay = TimeSpan.FromMilliseconds(100) },
    });
}
