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

    public InMemoryScreeningStore Store { get; } = new();

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

    /// <summary>Polls (every 50 ms) until the instance has finished; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan? timeout = null)
    {
        OrchestrationMetadata? last = null;
        try
        {
            await WaitUntilAsync(async () =>
            {
                last = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                return last is { IsCompleted: true };
            }, timeout ?? TimeSpan.FromSeconds(60), $"instance {instanceId} to complete");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last state: {last?.RuntimeStatus}, custom status {last?.SerializedCustomStatus}.", e);
        }

        return last!;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until an event of <paramref name="type"/> with subject <paramref name="subject"/> has been published <paramref name="count"/> times.</summary>
    public Task WaitForEventAsync(string type, string subject, int count = 1, TimeSpan? timeout = null) =>
        WaitUntilAsync(
            () => Task.FromResult(Events.Events.Count(e => e.Type == type && e.Subject == subject) >= count),
            timeout ?? TimeSpan.FromSeconds(60),
            $"{count} '{type}' event(s) for {subject}");
}
