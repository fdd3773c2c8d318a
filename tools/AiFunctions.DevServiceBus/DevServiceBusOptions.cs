using AiFunctions.ServiceBus.Configuration;

namespace AiFunctions.DevServiceBus;

/// <summary>Options of the development Service Bus broker.</summary>
public sealed class DevServiceBusOptions
{
    /// <summary>The default AMQP port (the one the emulator uses).</summary>
    public const int DefaultPort = 5672;

    /// <summary>The loopback TCP port to listen on; 0 picks a free one (tests). The broker never listens beyond 127.0.0.1.</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>The entities to serve. When null, <see cref="ConfigurationPath"/> is loaded.</summary>
    public ServiceBusEntityConfiguration? Entities { get; set; }

    /// <summary>The path of an emulator Config.json, used when <see cref="Entities"/> is null.</summary>
    public string? ConfigurationPath { get; set; }

    /// <summary>The max-message-size announced to senders (batches included); 256 KiB like the Standard tier.</summary>
    public int MaxMessageSizeInBytes { get; set; } = 256 * 1024;

    /// <summary>How often lock expiry, scheduled enqueue and (every tenth round) message expiry are checked.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    internal ServiceBusEntityConfiguration ResolveEntities() =>
        Entities ?? (string.IsNullOrWhiteSpace(ConfigurationPath)
            ? throw new InvalidOperationException(
                $"The dev Service Bus broker has no entities: set {nameof(DevServiceBusOptions)}.{nameof(Entities)} or {nameof(DevServiceBusOptions)}.{nameof(ConfigurationPath)} (e.g. infra/servicebus/Config.json).")
            : ServiceBusEntityConfiguration.Load(ConfigurationPath));
}
