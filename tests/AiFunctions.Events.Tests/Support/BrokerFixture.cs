using AiFunctions.DevServiceBus;
using AiFunctions.Events.ServiceBus;

namespace AiFunctions.Events.Tests.Support;

/// <summary>
/// One dev broker per test class (port 0), serving the repository's infra/servicebus/Config.json — except that the
/// <c>employees</c> subscription's lock is shortened to <see cref="ShortLock"/> so the slow-handler test can outlast
/// several locks in seconds.
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public static readonly TimeSpan ShortLock = TimeSpan.FromSeconds(3);

    private DevServiceBusBroker? _broker;

    public string ConnectionString => (_broker ?? throw new InvalidOperationException("Broker not started.")).ConnectionString;

    public async Task InitializeAsync()
    {
        var entities = EventEntityMap.LoadEntities("infra/servicebus/Config.json");
        entities.Topics.Single(t => t.Name == "hr-events").Subscriptions.Single(s => s.Name == "employees").LockDuration = ShortLock;
        _broker = await DevServiceBusBroker.StartAsync(new DevServiceBusOptions { Port = 0, Entities = entities });
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
