using AiFunctions.Events.DependencyInjection;
using AiFunctions.Events.Handlers;
using AiFunctions.Events.Handling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Events.Tests.Support;

/// <summary>Builds and starts a generic host with <c>AddHrEvents</c> against a dev broker, as a real host would.</summary>
internal static class EventsHost
{
    public static Dictionary<string, string?> Settings(string connectionString) => new()
    {
        ["AiFunctions:ServiceBus:ConnectionString"] = connectionString,
        ["AiFunctions:Storage:Store"] = "InMemory",
        ["AiFunctions:Events:Handling:InHandlerRetries"] = "0",
        ["AiFunctions:Events:Handling:AbandonBackoff"] = "00:00:00.050",
        ["AiFunctions:Events:Handling:MaxAbandonBackoff"] = "00:00:00.200",
        ["AiFunctions:Events:ServiceBus:MaxConcurrentCalls"] = "4",
        ["AiFunctions:Events:ServiceBus:PrefetchCount"] = "0",
        ["AiFunctions:Events:Outbound:Kind"] = "ServiceBus",
        ["AiFunctions:Events:Intake:SharedKey"] = "k",
    };

    /// <summary>Starts a host; <paramref name="recording"/>, when given, replaces the real hr.employee.hired handler.</summary>
    public static async Task<IHost> StartAsync(
        string connectionString,
        Action<IServiceCollection>? configure = null,
        RecordingHandler? recording = null,
        IDictionary<string, string?>? overrides = null)
    {
        var settings = Settings(connectionString);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        configure?.Invoke(builder.Services);
        builder.Services.AddHrEvents(builder.Configuration);
        if (recording is not null)
        {
            builder.Services.Remove(builder.Services.Single(d => d.ServiceType == typeof(ICloudEventHandler) && d.ImplementationType == typeof(EmployeeHiredHandler)));
            builder.Services.AddSingleton<ICloudEventHandler>(recording);
        }

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
