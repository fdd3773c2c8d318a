using AiFunctions.Events.Configuration;
using AiFunctions.Events.DeadLetters;
using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Handlers;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Idempotency;
using AiFunctions.Kernel.SharedState;
using AiFunctions.Events.Orchestration;
using AiFunctions.Events.Publishing;
using AiFunctions.Events.Requisitions;
using AiFunctions.Events.ServiceBus;
using AiFunctions.Events.Tracking;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Storage;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.EventGrid;
using Azure.Messaging.ServiceBus;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.DependencyInjection;

public static class HrEventsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the event side: the five HR event handlers and their dispatcher; a Service Bus processor (hosted service)
    /// per entity when <c>AiFunctions:ServiceBus</c> has a connection; the HTTP intake protocol (<see cref="EventIntake"/>);
    /// dead-letter inspect/replay; the CloudEvents <see cref="IWorkflowEventPublisher"/> with its sink chosen by
    /// <c>AiFunctions:Events:Outbound:Kind</c>; and <c>ai.provider.circuit-opened</c> publishing when the kernel's
    /// <see cref="ITargetHealth"/> is registered. Needs a <c>DurableTaskClient</c> from the host for the handlers that
    /// start orchestrations. Idempotency records and requisitions live in Table storage (<c>AiFunctions:Storage</c>),
    /// or in memory when its Store is InMemory.
    /// </summary>
    public static IServiceCollection AddHrEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // One options mechanism: bound from configuration, checked by an IValidateOptions<T> on start (ValidateOnStart);
        // the options the registration itself reads (Service Bus, outbound sink) are checked by the same validator now.
        AddValidatedOptions<EventHandlingOptions, EventHandlingOptionsValidator>(services, configuration.GetSection(EventHandlingOptions.SectionName));
        AddValidatedOptions<EventIntakeOptions, EventIntakeOptionsValidator>(services, configuration.GetSection(EventIntakeOptions.SectionName));
        AddValidatedOptions<OutboundEventOptions, OutboundEventOptionsValidator>(services, configuration.GetSection(OutboundEventOptions.SectionName));
        AddValidatedOptions<ServiceBusEventsOptions, ServiceBusEventsOptionsValidator>(
            services, configuration.GetSection(ServiceBusEventsOptions.ConnectionSectionName), configuration.GetSection(ServiceBusEventsOptions.SectionName));
        var busOptions = OptionsProblems.ValidatedNow(ReadServiceBusOptions(configuration), new ServiceBusEventsOptionsValidator());
        services.TryAddSingleton(TimeProvider.System);

        AddStores(services, configuration);
        services.TryAddSingleton<IOrchestrationStarter>(sp => sp.GetService<DurableTaskClient>() is { } client
            ? new DurableTaskOrchestrationStarter(client)
            : new UnavailableOrchestrationStarter());
        services.AddSingleton<ICloudEventHandler, CandidateAppliedHandler>();
        services.AddSingleton<ICloudEventHandler, ScreeningRequestedHandler>();
        services.AddSingleton<ICloudEventHandler, RequisitionOpenedHandler>();
        services.AddSingleton<ICloudEventHandler, RequisitionClosedHandler>();
        services.AddSingleton<ICloudEventHandler, EmployeeHiredHandler>();
        services.TryAddSingleton(sp => new Telemetry.EventMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<CloudEventDispatcher>();
        services.TryAddSingleton<EventMessageHandler>();
        services.TryAddSingleton<EventIntake>();

        var intakeMode = configuration.GetSection(EventIntakeOptions.SectionName).GetValue(nameof(EventIntakeOptions.Mode), IntakeMode.ServiceBus);
        if (busOptions.HasConnection)
        {
            AddServiceBus(services, busOptions, intakeMode);
        }
        else
        {
            services.TryAddSingleton<IInboundEventSink>(sp => intakeMode == IntakeMode.Direct
                ? new DirectDispatchSink(sp.GetRequiredService<CloudEventDispatcher>(), sp.GetService<TimeProvider>())
                : throw new InvalidOperationException(
                    $"The event intake forwards to Service Bus (AiFunctions:Events:Intake:Mode = ServiceBus) but no Service Bus is configured: set {ServiceBusEventsOptions.ConnectionSectionName}:ConnectionString or :FullyQualifiedNamespace, or set the intake mode to Direct."));
        }

        AddOutbound(services, configuration, busOptions);
        services.AddSingleton<IHostedService>(sp => sp.GetService<ITargetHealth>() is { } health
            ? ActivatorUtilities.CreateInstance<CircuitOpenedPublisher>(sp, health)
            : new NoOpHostedService());
        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services, params IConfiguration[] sections)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        var builder = services.AddOptions<TOptions>();
        foreach (var section in sections)
        {
            builder.Bind(section);
        }

        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    private static ServiceBusEventsOptions ReadServiceBusOptions(IConfiguration configuration)
    {
        var options = new ServiceBusEventsOptions();
        configuration.GetSection(ServiceBusEventsOptions.ConnectionSectionName).Bind(options);
        configuration.GetSection(ServiceBusEventsOptions.SectionName).Bind(options);
        return options;
    }

    private static void AddStores(IServiceCollection services, IConfiguration configuration)
    {
        var storage = new WorkflowStorageOptions();
        configuration.GetSection(WorkflowStorageOptions.SectionName).Bind(storage);
        var shared = configuration.GetSection(SharedStateOptions.Section).Get<SharedStateOptions>();
        if (!string.IsNullOrWhiteSpace(shared?.Redis))
        {
            // The kernel registered the shared connection (AddAiKernel reads the same setting).
            services.TryAddSingleton<IIdempotencyStore>(sp => new RedisIdempotencyStore(sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(), shared.KeyPrefix));
        }

        if (storage.Store == WorkflowStoreKind.InMemory)
        {
            services.TryAddSingleton<IIdempotencyStore, InMemoryIdempotencyStore>();
            services.TryAddSingleton<IRequisitionStore, InMemoryRequisitionStore>();
            services.TryAddSingleton<IEventOutcomeStore, InMemoryEventOutcomeStore>();
            return;
        }

        services.TryAddSingleton<IIdempotencyStore>(_ => new TableIdempotencyStore(new TableClient(storage.ConnectionString, storage.NamePrefix + "EventIdempotency", AiFunctions.Workflows.Storage.StorageClientDefaults.Tables())));
        services.TryAddSingleton<IRequisitionStore>(_ => new TableRequisitionStore(
            new TableClient(storage.ConnectionString, storage.NamePrefix + "HrRequisitions", AiFunctions.Workflows.Storage.StorageClientDefaults.Tables()),
            new Azure.Storage.Blobs.BlobContainerClient(storage.ConnectionString, (storage.NamePrefix.Length == 0 ? string.Empty : storage.NamePrefix.ToLowerInvariant() + "-") + "hr-requisitions")));
        services.TryAddSingleton<IEventOutcomeStore>(_ => new TableEventOutcomeStore(new TableClient(storage.ConnectionString, storage.NamePrefix + "EventOutcomes", AiFunctions.Workflows.Storage.StorageClientDefaults.Tables())));
    }

    private static void AddServiceBus(IServiceCollection services, ServiceBusEventsOptions busOptions, IntakeMode intakeMode)
    {
        services.TryAddSingleton<ServiceBusClient>(sp =>
        {
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger<ShutdownSafeServiceBusClient>();
            return string.IsNullOrWhiteSpace(busOptions.ConnectionString)
                ? new ShutdownSafeServiceBusClient(busOptions.FullyQualifiedNamespace!, new DefaultAzureCredential(), logger)
                : new ShutdownSafeServiceBusClient(busOptions.ConnectionString, logger);
        });

        // The entity file is read now: a missing or wrong file is a start-up error naming the file, not a silent no-op.
        var map = new EventEntityMap(EventEntityMap.LoadEntities(busOptions.EntityConfigurationPath), busOptions);
        services.AddSingleton(map);
        services.TryAddSingleton<DeadLetterService>();
        services.TryAddSingleton<IInboundEventSink>(sp => intakeMode == IntakeMode.Direct
            ? new DirectDispatchSink(sp.GetRequiredService<CloudEventDispatcher>(), sp.GetService<TimeProvider>())
            : ActivatorUtilities.CreateInstance<ServiceBusInboundSink>(sp));

        if (!busOptions.ProcessorsEnabled)
        {
            return;
        }

        foreach (var binding in map.Bindings)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<EventProcessorHostedService>(sp, binding));
        }
    }

    private static void AddOutbound(IServiceCollection services, IConfiguration configuration, ServiceBusEventsOptions busOptions)
    {
        var outbound = new OutboundEventOptions();
        configuration.GetSection(OutboundEventOptions.SectionName).Bind(outbound);
        OptionsProblems.ValidatedNow(outbound, new OutboundEventOptionsValidator());
        switch (outbound.Kind)
        {
            case OutboundKind.EventGrid:
                var endpoint = outbound.TopicEndpoint!;
                services.TryAddSingleton<IOutboundEventSink>(_ => new EventGridOutboundSink(string.IsNullOrEmpty(outbound.TopicKey)
                    ? new EventGridPublisherClient(endpoint, new DefaultAzureCredential())
                    : new EventGridPublisherClient(endpoint, new Azure.AzureKeyCredential(outbound.TopicKey))));
                break;
            case OutboundKind.ServiceBus:
                if (!busOptions.HasConnection)
                {
                    throw new OptionsValidationException(Options.DefaultName, typeof(OutboundEventOptions), [
                        $"'{OutboundEventOptions.SectionName}:Kind' is ServiceBus but no Service Bus is configured: set '{ServiceBusEventsOptions.ConnectionSectionName}:ConnectionString' (the dev broker's) or '{ServiceBusEventsOptions.ConnectionSectionName}:FullyQualifiedNamespace', or choose another Kind."]);
                }

                services.TryAddSingleton<IOutboundEventSink>(sp => new ServiceBusOutboundSink(sp.GetRequiredService<ServiceBusClient>().CreateSender(outbound.ServiceBusEntity)));
                break;
            default:
                services.TryAddSingleton<IOutboundEventSink, LoggingOutboundSink>();
                break;
        }

        // What was published is kept (the last 500, in memory) for GET /api/events/outbound.
        services.TryAddSingleton<OutboundEventLog>();
        var configured = services.Last(d => d.ServiceType == typeof(IOutboundEventSink));
        services.Remove(configured);
        services.AddSingleton<IOutboundEventSink>(sp => new RecordingOutboundSink(
            (IOutboundEventSink)(configured.ImplementationInstance ?? configured.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, configured.ImplementationType!)),
            sp.GetRequiredService<OutboundEventLog>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));

        services.RemoveAll<IWorkflowEventPublisher>();
        services.AddSingleton<IWorkflowEventPublisher, CloudEventWorkflowPublisher>();
    }

    private sealed class NoOpHostedService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
