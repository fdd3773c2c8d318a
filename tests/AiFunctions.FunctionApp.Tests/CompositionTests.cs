using AiFunctions.Events.Orchestration;
using AiFunctions.FunctionApp.Durable;
using AiFunctions.FunctionApp.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace AiFunctions.FunctionApp.Tests;

/// <summary>
/// The app's composition (what Program.cs registers) builds every function class and every hosted service, as the
/// worker does at start-up; so a dependency only the standalone host registers (such as a DurableTaskClient in DI)
/// fails here rather than in Azure.
/// </summary>
public sealed class CompositionTests : IAsyncLifetime
{
    private readonly ServiceProvider services;

    public CompositionTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AiFunctions:Storage:Store"] = "InMemory",
            ["AiFunctions:ServiceBus:ConnectionString"] = "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
            ["AiFunctions:Events:ServiceBus:EntityConfigurationPath"] = Path.Combine(TestPaths.Infra, "servicebus", "Config.json"),
            ["AiFunctions:Events:Intake:SharedKey"] = "<test>",
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddFunctionApp(configuration, Path.Combine(TestPaths.RepoRoot, "host.json"));
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }

    public static TheoryData<Type> FunctionClasses() => new(
        typeof(ScreeningHttpFunctions), typeof(JobDescriptionHttpFunctions), typeof(CatalogHttpFunctions), typeof(EventHttpFunctions), typeof(ManagementHttpFunctions));

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public void Function_class_is_built_from_the_app_services(Type functionClass)
    {
        Assert.NotNull(ActivatorUtilities.CreateInstance(services, functionClass));
    }

    [Fact]
    public void Hosted_services_including_the_event_processors_are_built()
    {
        var hosted = services.GetServices<IHostedService>().ToList();

        Assert.Contains(hosted, h => h.GetType().Name.Contains("Processor", StringComparison.Ordinal));
    }

    [Fact]
    public void Event_handlers_start_orchestrations_through_the_task_hub_client()
    {
        Assert.IsType<TaskHubOrchestrationStarter>(services.GetRequiredService<IOrchestrationStarter>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // The Service Bus processors and senders are IAsyncDisposable only.
    public async Task DisposeAsync() => await services.DisposeAsync().ConfigureAwait(false);
}
