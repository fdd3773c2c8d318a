using Azure.Core;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Events.ServiceBus;

/// <summary>
/// The application's <see cref="ServiceBusClient"/> (one per host, a DI singleton): closing its connection when the
/// container is disposed goes through <see cref="ServiceBusShutdown"/>, so a connection that cannot be closed cleanly
/// is logged instead of failing the host's shutdown.
/// </summary>
internal sealed class ShutdownSafeServiceBusClient : ServiceBusClient
{
    private readonly ILogger? _logger;

    public ShutdownSafeServiceBusClient(string connectionString, ILogger? logger)
        : base(connectionString) => _logger = logger;

    public ShutdownSafeServiceBusClient(string fullyQualifiedNamespace, TokenCredential credential, ILogger? logger)
        : base(fullyQualifiedNamespace, credential) => _logger = logger;

    public override async ValueTask DisposeAsync()
    {
        await ServiceBusShutdown.CloseQuietlyAsync(() => base.DisposeAsync().AsTask(), FullyQualifiedNamespace, _logger).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
