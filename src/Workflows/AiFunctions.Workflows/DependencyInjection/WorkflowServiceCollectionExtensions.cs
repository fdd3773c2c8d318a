using AiFunctions.HrFunctions;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Drafting.Activities;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Migration;
using AiFunctions.Workflows.Sanitizing;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.DependencyInjection;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds what the HR workflows' activities need: the HR function definitions (<c>AddHrFunctions</c>), the store
    /// (<c>AiFunctions:Storage</c>: Table/Blob storage by default, in-memory when Store is "InMemory"), the resume
    /// sanitiser, the job description checks, a default <see cref="IWorkflowEventPublisher"/> that only logs (replace it
    /// by registering your own before or after this call), and the activity classes. The kernel (<c>AddAiKernel</c>,
    /// which provides IAiFunctionInvoker and IPiiRedactor) and logging are added by the composition root.
    /// Register the orchestrators and activities with <see cref="DurableTaskRegistryExtensions.AddHrWorkflows"/>.
    /// </summary>
    public static IServiceCollection AddHrWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddHrFunctions();
        var section = configuration.GetSection(WorkflowStorageOptions.SectionName);
        services.AddOptions<WorkflowStorageOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowStorageOptions>, WorkflowStorageOptionsValidator>());
        services.AddOptions<ScreeningOptions>().Bind(configuration.GetSection(ScreeningOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScreeningOptions>, ScreeningOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new WorkflowMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<ResumeSanitizer>();
        services.TryAddSingleton<RequisitionCache>();
        services.TryAddSingleton<IJobDescriptionChecks, HrJobDescriptionChecks>();
        services.TryAddSingleton<IWorkflowEventPublisher, LoggingWorkflowEventPublisher>();

        var store = section.GetValue(nameof(WorkflowStorageOptions.Store), WorkflowStoreKind.AzureStorage);
        if (store == WorkflowStoreKind.InMemory)
        {
            services.TryAddSingleton<IScreeningStore, InMemoryScreeningStore>();
            services.TryAddSingleton<IReplayStore, InMemoryReplayStore>();
        }
        else
        {
            services.TryAddSingleton<IScreeningStore, TableScreeningStore>();
            services.TryAddSingleton<IReplayStore, TableReplayStore>();
            // The kernel's default shadow pair store is in memory; with Azure Storage the pairs go to Table storage.
            services.Replace(ServiceDescriptor.Singleton<IShadowPairStore, TableShadowPairStore>());
        }

        // Migrations (docs/migration.md): thresholds, replays as a hosted background job.
        services.AddOptions<MigrationOptions>().Bind(configuration.GetSection(MigrationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MigrationOptions>, MigrationOptionsValidator>());
        services.TryAddTransient<ReplayRunner>();
        services.TryAddTransient<DraftingReplayer>();
        services.TryAddSingleton<ReplayQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplayQueue>());

        // Activities (the Durable Task worker creates them from the container; the Functions app can resolve them).
        services.TryAddTransient<PersistBatchActivity>();
        services.TryAddTransient<ScreenCandidateGroupActivity>();
        services.TryAddTransient<RecordCandidateFailureActivity>();
        services.TryAddTransient<UpdateBatchStatusActivity>();
        services.TryAddTransient<RankActivity>();
        services.TryAddTransient<CheckScorersActivity>();
        services.TryAddTransient<Fairness.ScreeningAuditor>();
        services.TryAddTransient<RecordDecisionActivity>();
        services.TryAddTransient<DraftJobDescriptionActivity>();
        services.TryAddTransient<RecordJobDescriptionReviewActivity>();
        services.TryAddTransient<PublishWorkflowEventActivity>();
        return services;
    }
}
