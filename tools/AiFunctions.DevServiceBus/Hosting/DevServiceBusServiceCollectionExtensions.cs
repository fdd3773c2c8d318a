using AiFunctions.DevServiceBus;
using AiFunctions.DevServiceBus.Hosting;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the development Service Bus broker in a host.</summary>
public static class DevServiceBusServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="DevServiceBusBroker"/> as a singleton started and stopped with the host. Register it before
    /// hosted services that open Service Bus processors so the broker listens first; read
    /// <see cref="DevServiceBusBroker.ConnectionString"/> from the injected broker.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (entities or ConfigurationPath, Port).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDevServiceBus(this IServiceCollection services, Action<DevServiceBusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DevServiceBusOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<DevServiceBusBroker>();
        services.AddHostedService<DevServiceBusHostedService>();
        return services;
    }

    /// <summary>
    /// Adds the broker with options bound from a configuration section, e.g. <c>DevServiceBus</c> with
    /// <c>ConfigurationPath</c> (an emulator Config.json) and <c>Port</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The configuration section holding <see cref="DevServiceBusOptions"/> values.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDevServiceBus(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<DevServiceBusOptions>().Bind(section);
        return services.AddDevServiceBus();
    }
}
