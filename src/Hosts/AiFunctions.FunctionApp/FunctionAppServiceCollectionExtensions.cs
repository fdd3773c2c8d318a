using AiFunctions.Events.DependencyInjection;
using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Orchestration;
using AiFunctions.FunctionApp.Durable;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.DependencyInjection;
using AiFunctions.Hosting.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFunctions.FunctionApp;

/// <summary>The Functions app's services: the shared composition root plus what only this host needs.</summary>
public static class FunctionAppServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="AiFunctionsCoreServiceCollectionExtensions.AddAiFunctionsCore"/> (kernel, HR functions, workflows,
    /// API handlers) and the events, with one Functions-specific piece: the processor-hosted event handlers start
    /// orchestrations through <see cref="TaskHubOrchestrationStarter"/>, because outside a function invocation there is
    /// no <c>[DurableClient]</c> binding. <paramref name="hostJsonPath"/> supplies the task hub name and partition count.
    /// </summary>
    public static IServiceCollection AddFunctionApp(this IServiceCollection services, IConfiguration configuration, string hostJsonPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSingleton(TaskHubOptions.From(configuration, hostJsonPath));
        services.AddSingleton<IOrchestrationStarter, TaskHubOrchestrationStarter>();
        services.AddAiFunctionsCore(configuration);

        // The caller's principal and the route policies, evaluated in each HTTP trigger (HttpResultBridge) after the
        // platform's function-key check: API keys and bearer tokens, and App Service Authentication's principal header
        // when AiFunctions:Auth:EasyAuth:Enabled (docs/security.md).
        services.AddAiFunctionsSecurity(configuration);

        // The events are part of the composition root's contract; add them here only while it does not yet.
        if (!services.Any(d => d.ServiceType == typeof(EventIntake)))
        {
            services.AddHrEvents(configuration);
        }

        // The event operations' shared handlers (registered here until the composition root registers them).
        services.TryAddSingleton<EventApi>();
        return services;
    }
}
