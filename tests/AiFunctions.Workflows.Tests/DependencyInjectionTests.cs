using AiFunctions.Workflows.DependencyInjection;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiFunctions.Workflows.Tests;

public sealed class DependencyInjectionTests
{
    [Theory]
    [InlineData(null, typeof(TableScreeningStore))]
    [InlineData("AzureStorage", typeof(TableScreeningStore))]
    [InlineData("InMemory", typeof(InMemoryScreeningStore))]
    public void The_store_follows_configuration(string? store, Type expected)
    {
        using var services = Build(new() { ["AiFunctions:Storage:Store"] = store });

        Assert.IsType(expected, services.GetRequiredService<IScreeningStore>());
    }

    [Theory]
    [InlineData("AiFunctions:Storage:ConnectionString", " ")]
    [InlineData("AiFunctions:Storage:NamePrefix", "1tests")]
    [InlineData("AiFunctions:Storage:NamePrefix", "my-tests")]
    [InlineData("AiFunctions:Screening:OnScorerChange", "Sometimes")]
    [InlineData("AiFunctions:Screening:OnScorerChange", "7")]
    [InlineData("AiFunctions:Screening:MaxScoreGap", "101")]
    [InlineData("AiFunctions:Screening:MaxScoreGap", "-1")]
    [InlineData("AiFunctions:Screening:BaselineRoute", " ")]
    public void A_bad_workflow_setting_fails_start_up_naming_it(string path, string value)
    {
        using var services = Build(new() { [path] = value });

        // What the host runs on start for every ValidateOnStart registration.
        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_screening_settings_default_to_rescore_and_a_25_point_gap_on_the_baseline_route()
    {
        using var services = Build([]);

        var options = services.GetRequiredService<IOptions<Screening.ScreeningOptions>>().Value;

        Assert.Equal((Screening.ScorerChangePolicy.Rescore, 25, "screening-baseline"), (options.OnScorerChange, options.MaxScoreGap, options.BaselineRoute));
    }

    [Fact]
    public void The_default_storage_settings_pass_start_up_validation()
    {
        using var services = Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void A_publisher_registered_before_or_after_replaces_the_default()
    {
        var custom = new Support.RecordingEventPublisher();
        var configuration = new ConfigurationBuilder().Build();
        var before = new ServiceCollection().AddSingleton<IWorkflowEventPublisher>(custom).AddLogging().AddHrWorkflows(configuration).BuildServiceProvider();
        var after = new ServiceCollection().AddLogging().AddHrWorkflows(configuration).AddSingleton<IWorkflowEventPublisher>(custom).BuildServiceProvider();

        Assert.Same(custom, before.GetRequiredService<IWorkflowEventPublisher>());
        Assert.Same(custom, after.GetRequiredService<IWorkflowEventPublisher>());
        Assert.IsType<LoggingWorkflowEventPublisher>(Build([]).GetRequiredService<IWorkflowEventPublisher>());
    }

    [Fact]
    public async Task The_default_publisher_logs_type_and_id_but_never_the_data()
    {
        var logger = new FakeLogger<LoggingWorkflowEventPublisher>();
        var publisher = new LoggingWorkflowEventPublisher(logger);

        await publisher.PublishAsync(WorkflowEvent.Create("screening-b1/completed", WorkflowEventTypes.ScreeningCompleted, "screening/b1", DateTimeOffset.UnixEpoch, "contoso", "corr", new { secret = "Jane Doe jane@example.com" }));

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains("screening-b1/completed", record.Message, StringComparison.Ordinal);
        Assert.Contains(WorkflowEventTypes.ScreeningCompleted, record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(record.StructuredState!, kv => kv.Value?.Contains("Jane", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void The_registry_holds_every_name_in_WorkflowNames()
    {
        var registry = new DurableTaskRegistry().AddHrWorkflows();
        var names = typeof(WorkflowNames).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Where(n => n.EndsWith("Orchestrator", StringComparison.Ordinal) || n.EndsWith("Activity", StringComparison.Ordinal))
            .ToArray();

        Assert.Equal(13, names.Length);
        var registered = new List<string>();
        foreach (var name in names)
        {
            // Registering a name twice throws: every name is already there.
            var ex = Record.Exception(() => (name.EndsWith("Orchestrator", StringComparison.Ordinal)
                ? registry.AddOrchestratorFunc(name, _ => Task.CompletedTask)
                : registry.AddActivityFunc(name, _ => Task.CompletedTask)));
            if (ex is ArgumentException)
            {
                registered.Add(name);
            }
        }

        Assert.Equal(names, registered);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddHrWorkflows(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
