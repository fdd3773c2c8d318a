using Microsoft.Extensions.Hosting;

namespace AiFunctions.DevServiceBus.Hosting;

/// <summary>Starts the dev broker with the host and stops it on shutdown.</summary>
internal sealed class DevServiceBusHostedService(DevServiceBusBroker broker) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => broker.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => broker.StopAsync();
}
