using AiFunctions.DevServiceBus;
using AiFunctions.Events.ServiceBus;

namespace AiFunctions.Host.Messaging;

/// <summary>
/// Runs the in-process dev Service Bus broker inside the standalone host for local runs
/// (<c>AiFunctions:DevServiceBus:Enabled = true</c>; set by launchSettings.json for <c>dotnet run</c> and by the main job).
/// It points <c>AiFunctions:ServiceBus:ConnectionString</c> at the broker, so the event handlers' processors, the
/// webhook intake and the outbound <c>ai-events</c> sink all run against it with the entities of
/// infra/servicebus/Config.json. A development tool only: in Azure the same code talks to Azure Service Bus.
/// </summary>
internal static class EmbeddedDevServiceBus
{
    public const string SectionName = "AiFunctions:DevServiceBus";

    /// <summary>Adds the broker when enabled; call before <c>AddAiFunctionsCore</c>, which reads the connection.</summary>
    /// <returns>The broker's connection string, or null when the broker is not enabled.</returns>
    public static string? AddIfEnabled(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SectionName);
        if (!section.GetValue("Enabled", false))
        {
            return null;
        }

        var bus = builder.Configuration.GetSection(ServiceBusEventsOptions.ConnectionSectionName);
        if (!string.IsNullOrWhiteSpace(bus["ConnectionString"]) || !string.IsNullOrWhiteSpace(bus["FullyQualifiedNamespace"]))
        {
            throw new InvalidOperationException(
                $"{SectionName}:Enabled is true, but {ServiceBusEventsOptions.ConnectionSectionName} already names a Service Bus. " +
                $"Use one: remove the ConnectionString/FullyQualifiedNamespace to run the embedded dev broker, or set {SectionName}:Enabled to false.");
        }

        var port = section.GetValue("Port", 0);
        if (port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"{SectionName}:Port is {port}; use 0 (a free loopback port) or a port from 1 to 65535.");
        }

        port = port == 0 ? LoopbackPorts.Free() : port;
        var entityFile = section["ConfigurationPath"]
            ?? builder.Configuration[$"{ServiceBusEventsOptions.SectionName}:{nameof(ServiceBusEventsOptions.EntityConfigurationPath)}"]
            ?? new ServiceBusEventsOptions().EntityConfigurationPath;
        var entities = EventEntityMap.LoadEntities(entityFile);
        builder.Services.AddDevServiceBus(o =>
        {
            o.Port = port;
            o.Entities = entities;
        });

        var connectionString = DevServiceBusBroker.CreateConnectionString(port);
        var settings = new Dictionary<string, string?>
        {
            [$"{ServiceBusEventsOptions.ConnectionSectionName}:ConnectionString"] = connectionString,
        };
        if (string.IsNullOrWhiteSpace(builder.Configuration["AiFunctions:Events:Outbound:Kind"]))
        {
            // Locally there is no Event Grid: outbound events go to the broker's ai-events topic (subscription audit).
            settings["AiFunctions:Events:Outbound:Kind"] = "ServiceBus";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        return connectionString;
    }
}
