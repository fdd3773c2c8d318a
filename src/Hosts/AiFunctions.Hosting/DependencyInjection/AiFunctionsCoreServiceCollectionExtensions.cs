using AiFunctions.Events.DependencyInjection;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Api.Management;
using AiFunctions.Hosting.Management;
using AiFunctions.Hosting.Configuration;
using AiFunctions.Hosting.Health;
using AiFunctions.Hosting.Lifecycle;
using AiFunctions.Hosting.Gateway;
using AiFunctions.Hosting.Security;
using AiFunctions.Workflows.Storage;
using AiFunctions.HrFunctions;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Providers.Anthropic;
using AiFunctions.Providers.AzureAIInference;
using AiFunctions.Providers.AzureOpenAI;
using AiFunctions.Providers.Local;
using AiFunctions.Providers.Ollama;
using AiFunctions.Providers.OpenAI;
using AiFunctions.Workflows.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.DependencyInjection;

/// <summary>The one composition root: both hosts call <see cref="AddAiFunctionsCore"/> and add only their triggers.</summary>
public static class AiFunctionsCoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the AI kernel with all five provider plugins (Azure OpenAI, OpenAI, Anthropic, Ollama, Local), the HR AI
    /// functions, the HR workflows' services, the events, the host-agnostic API handlers and the OpenAI-compatible
    /// gateway (<see cref="GatewayApi"/>). Configuration is the host's
    /// over <see cref="OfflineDefaults"/>, so a fresh clone runs offline and environment variables switch providers.
    /// Register the orchestrators and activities with <c>DurableTaskRegistry.AddHrWorkflows()</c> in the host's worker.
    /// </summary>
    /// <param name="configureKernel">Extra plugins (e.g. a test double) added after the five built-in ones.</param>
    public static IServiceCollection AddAiFunctionsCore(this IServiceCollection services, IConfiguration configuration, Action<AiKernelBuilder>? configureKernel = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var effective = OfflineDefaults.Layer(configuration);
        services.TryAddSingleton(new EffectiveAiConfiguration(effective));
        services.AddAiKernel(effective, kernel =>
        {
            kernel.AddAzureOpenAIProvider()
                .AddOpenAIProvider()
                .AddAnthropicProvider()
                .AddOllamaProvider()
                .AddAzureAIInferenceProvider()
                .AddLocalProvider();
            configureKernel?.Invoke(kernel);
        });
        services.AddHrFunctions();
        services.AddHrWorkflows(effective);
        services.AddHrEvents(effective);

        services.AddOptions<ApiOptions>().Bind(effective.GetSection(ApiOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());
        var storeKind = effective.GetSection(WorkflowStorageOptions.SectionName).GetValue(nameof(WorkflowStorageOptions.Store), WorkflowStoreKind.AzureStorage);
        if (storeKind == WorkflowStoreKind.InMemory)
        {
            services.TryAddSingleton<IFirstClaimStore, InMemoryFirstClaimStore>();
            services.TryAddSingleton<IRouteVersionStore, InMemoryRouteVersionStore>();
            services.TryAddSingleton<IUsageHistoryStore, InMemoryUsageHistoryStore>();
        }
        else
        {
            services.TryAddSingleton<IFirstClaimStore, TableFirstClaimStore>();
            services.TryAddSingleton<IRouteVersionStore, TableRouteVersionStore>();
            services.TryAddSingleton<IUsageHistoryStore, TableUsageHistoryStore>();
        }

        services.AddOptions<ManagementOptions>().Bind(effective.GetSection(ManagementOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ManagementOptions>, ManagementOptionsValidator>());
        services.TryAddSingleton<RouteVersions>();
        services.TryAddSingleton<RouteVersionSync>();
        services.AddHostedService(sp => sp.GetRequiredService<RouteVersionSync>());
        services.TryAddSingleton<RouteManagementApi>();
        AddUsageHistory(services);
        services.TryAddSingleton<UsageHistoryFlush>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageHistoryFlush>());
        services.TryAddSingleton<UsageReader>();
        services.TryAddSingleton<UsageApi>();
        services.TryAddSingleton<CallRates>();
        services.AddHostedService(sp => sp.GetRequiredService<CallRates>());
        services.TryAddSingleton<OverviewApi>();
        services.TryAddSingleton<AuditApi>();

        services.TryAddSingleton<ScreeningApi>();
        services.TryAddSingleton<ErasureApi>();
        services.AddOptions<RetentionOptions>().Bind(effective.GetSection(RetentionOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddSingleton<RetentionPurge>();
        services.TryAddSingleton<JobDescriptionApi>();
        services.TryAddSingleton<CatalogApi>();
        services.TryAddSingleton<EventTrackingApi>();
        services.TryAddSingleton<ListingApi>();
        services.AddHostedService<WebhookKeyWarning>();
        services.AddHostedService<Health.SharedStateCheck>();
        services.TryAddSingleton<MigrationApi>();

        services.AddOptions<GatewayOptions>().Bind(effective.GetSection(GatewayOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayDirectory>();
        services.TryAddSingleton<GatewayApi>();

        services.TryAddSingleton<HealthApi>();
        services.AddAiFunctionsHealthChecks();
        return services;
    }

    /// <summary>
    /// Puts <see cref="UsageHistory"/> over the usage ledger the kernel registered (in process, or shared in Redis), so
    /// every booked provider response is also summed by hour for the usage report.
    /// </summary>
    private static void AddUsageHistory(IServiceCollection services)
    {
        var kernels = services.LastOrDefault(d => d.ServiceType == typeof(IUsageLedger) && !d.IsKeyedService);
        if (kernels is null || kernels.ImplementationType == typeof(UsageHistory) || services.Any(d => d.ServiceType == typeof(UsageHistory)))
        {
            return;
        }

        services.Remove(kernels);
        services.AddSingleton(sp => new UsageHistory(
            kernels.ImplementationInstance as IUsageLedger
                ?? (IUsageLedger?)kernels.ImplementationFactory?.Invoke(sp)
                ?? (IUsageLedger)ActivatorUtilities.CreateInstance(sp, kernels.ImplementationType!),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IUsageLedger>(sp => sp.GetRequiredService<UsageHistory>());
    }
}
