using System.Net;
using System.Net.Sockets;
using AiFunctions.DevServiceBus.Amqp;
using AiFunctions.DevServiceBus.Entities;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiFunctions.DevServiceBus;

/// <summary>
/// An in-process AMQP 1.0 broker that Azure.Messaging.ServiceBus talks to with the emulator-style connection
/// string. It listens on 127.0.0.1 only and keeps messages in memory. A development and test tool: production
/// uses Azure Service Bus.
/// </summary>
public sealed class DevServiceBusBroker : IAsyncDisposable
{
    const string SasMechanism = "MSSBCBS";
    readonly DevServiceBusOptions options;
    readonly ILogger logger;
    readonly object gate = new();
    CancellationTokenSource? maintenanceStop;
    Task? maintenance;
    AmqpConnectionListener? listener;
    EntityRegistry? entities;
    int port;

    /// <summary>Creates a broker that is not yet listening; call <see cref="StartAsync(CancellationToken)"/>.</summary>
    /// <param name="options">The options.</param>
    /// <param name="logger">An optional logger.</param>
    public DevServiceBusBroker(IOptions<DevServiceBusOptions> options, ILogger<DevServiceBusBroker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        if (this.options.Port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentOutOfRangeException(nameof(options), this.options.Port, $"{nameof(DevServiceBusOptions)}.{nameof(DevServiceBusOptions.Port)} must be 0 (pick a free port) or a TCP port.");
        }

        port = this.options.Port;
    }

    /// <summary>The port the broker listens (or will listen) on; with Port = 0 it is known once started.</summary>
    public int Port => port;

    /// <summary>Whether the broker is listening.</summary>
    public bool IsRunning => listener is not null;

    /// <summary>
    /// The connection string for ServiceBusClient. Known before start when a fixed port is configured,
    /// otherwise once the broker has started.
    /// </summary>
    public string ConnectionString => port != 0
        ? CreateConnectionString(port)
        : throw new InvalidOperationException("The dev Service Bus broker was configured with Port = 0 and has not started yet; read ConnectionString after StartAsync.");

    /// <summary>The emulator-style connection string for a dev broker (or emulator) on 127.0.0.1.</summary>
    /// <param name="port">The AMQP port.</param>
    public static string CreateConnectionString(int port) =>
        $"Endpoint=sb://127.0.0.1:{port};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;";

    /// <summary>Creates and starts a broker (test fixtures: <c>Port = 0</c>).</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running broker; dispose it to stop.</returns>
    public static async Task<DevServiceBusBroker> StartAsync(DevServiceBusOptions options, CancellationToken cancellationToken = default)
    {
        var broker = new DevServiceBusBroker(Options.Create(options));
        await broker.StartAsync(cancellationToken).ConfigureAwait(false);
        return broker;
    }

    /// <summary>Loads the entities and starts listening on 127.0.0.1.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (listener is not null)
            {
                return Task.CompletedTask;
            }

            entities = new EntityRegistry(options.ResolveEntities(), TimeProvider.System);
            var settings = new AmqpSettings { RuntimeProvider = new BrokerRuntimeProvider(entities, (ulong)options.MaxMessageSizeInBytes) };
            var sasl = new SaslTransportProvider();
            sasl.Versions.Add(new AmqpVersion(1, 0, 0));
            sasl.AddHandler(new SaslAnonymousHandler(SasMechanism)); // the client offers only MSSBCBS; tokens go through $cbs
            sasl.AddHandler(new SaslAnonymousHandler());
            settings.TransportProviders.Add(sasl);

            listener = Listen(settings, cancellationToken);
            maintenanceStop = new CancellationTokenSource();
            maintenance = RunMaintenanceAsync(entities, maintenanceStop.Token);
        }

        logger.LogInformation(
            "Dev Service Bus broker listening on 127.0.0.1:{Port} with entities {Entities}",
            port,
            string.Join(", ", entities.SendEntities.Select(entity => entity.Name)));
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and closes every connection; held messages are discarded.</summary>
    public async Task StopAsync()
    {
        Task? running;
        lock (gate)
        {
            listener?.Close();
            listener = null;
            maintenanceStop?.Cancel();
            running = maintenance;
            maintenance = null;
        }

        if (running is not null)
        {
            await running.ConfigureAwait(false);
        }

        maintenanceStop?.Dispose();
        maintenanceStop = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    AmqpConnectionListener Listen(AmqpSettings settings, CancellationToken cancellationToken)
    {
        var connectionSettings = new AmqpConnectionSettings { ContainerId = $"dev-servicebus-{Environment.ProcessId}", MaxFrameSize = 64 * 1024 };
        for (var attempt = 1; ; attempt++)
        {
            var candidate = options.Port == 0 ? FreeLoopbackPort() : options.Port;
            var created = new AmqpConnectionListener([$"amqp://127.0.0.1:{candidate}"], settings, connectionSettings);
            try
            {
                created.Open();
                port = candidate;
                return created;
            }
            catch (SocketException ex) when (options.Port == 0 && attempt < 5 && !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug(ex, "Port {Port} was taken between probing and binding; trying another", candidate);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException(
                    $"The dev Service Bus broker could not listen on 127.0.0.1:{candidate} ({ex.SocketErrorCode}). Stop what uses the port, or set {nameof(DevServiceBusOptions)}.{nameof(DevServiceBusOptions.Port)} to another port (0 picks a free one).",
                    ex);
            }
        }
    }

    static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    async Task RunMaintenanceAsync(EntityRegistry registry, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.MaintenanceInterval);
        var round = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    foreach (var entity in registry.SendEntities)
                    {
                        entity.ReleaseDueMessages();
                    }

                    var expireMessages = ++round % 10 == 0;
                    foreach (var store in registry.Stores)
                    {
                        store.ExpireLocks();
                        if (expireMessages)
                        {
                            store.ExpireMessages();
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Dev Service Bus broker maintenance round failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
