using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Workflows.DependencyInjection;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Workflows.Tests.Support;

/// <summary>
/// One in-memory Durable Task host per test class, running the real orchestrators and activities
/// (registered with <see cref="DurableTaskRegistryExtensions.AddHrWorkflows"/>) over an in-memory store, the kernel's
/// regex redactor, a recording event publisher and <see cref="FakeAiFunctionInvoker"/>. Tests use distinct batch ids.
/// A resume containing <see cref="OutageMarker"/> makes the fake provider fail for that candidate.
/// </summary>
public sealed class WorkflowHostFixture : IAsyncLifetime
{
    public const string OutageMarker = "SIMULATE-OUTAGE";

    private DurableTaskTestHost? _host;

    internal FakeAiFunctionInvoker Invoker { get; } = new() { FailWhen = i => i.ResumeText.Contains(OutageMarker, StringComparison.Ordinal) };

    internal InMemoryScreeningStore Store { get; } = new();

    internal RecordingEventPublisher Events { get; } = new();

    public DurableTaskClient Client => (_host ?? throw new InvalidOperationException("The host is not started.")).Client;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AiFunctions:Storage:Store"] = "InMemory" })
            .Build();
        _host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddHrWorkflows(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddLogging();
                    services.AddHrWorkflows(configuration);
                    services.AddSingleton<IScreeningStore>(Store);
                    services.AddSingleton<IAiFunctionInvoker>(Invoker);
                    services.AddSingleton<IPiiRedactor>(new RegexPiiRedactor());
                    services.AddSingleton<IWorkflowEventPublisher>(Events);
                },
            });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan? timeout = null) =>
        HostWaits.WaitForCompletionAsync(Client, instanceId, timeout);

    /// <summary>Waits until an event of <paramref name="type"/> with subject <paramref name="subject"/> has been published <paramref name="count"/> times.</summary>
    public Task WaitForEventAsync(string type, string subject, int count = 1, TimeSpan? timeout = null) =>
        HostWaits.WaitForEventAsync(Events, type, subject, count, timeout);
}
