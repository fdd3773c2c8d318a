using AiFunctions.Kernel.Errors;
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
public class WorkflowHostFixture : IAsyncLifetime
{
    public const string OutageMarker = "SIMULATE-OUTAGE";

    /// <summary>A resume containing this makes the fake provider answer 400 (permanent) for that candidate.</summary>
    public const string BadRequestMarker = "SIMULATE-BAD-REQUEST";

    /// <summary>A job description title containing this makes drafting fail with context_length_exceeded (permanent).</summary>
    public const string DraftTooLongMarker = "DRAFT-TOO-LONG";

    /// <summary>A job description title containing this makes the first drafting call fail with a 503 (transient).</summary>
    public const string DraftFlakyMarker = "DRAFT-FLAKY";

    private readonly HashSet<string> _flakyFailed = [];

    private DurableTaskTestHost? _host;

    public WorkflowHostFixture()
    {
        Invoker = new()
        {
            FailWhen = i => i.ResumeText.Contains(OutageMarker, StringComparison.Ordinal) || i.ResumeText.Contains(BadRequestMarker, StringComparison.Ordinal),
            Failure = i => i.ResumeText.Contains(BadRequestMarker, StringComparison.Ordinal)
                ? new ProviderException(AiFailureReason.BadRequest, "fake-instance", "400 invalid_request_error: 'messages' is malformed.", 400)
                : new ProviderException(AiFailureReason.Unavailable, "fake-instance", "Simulated provider outage (503).", 503),
            DraftFailure = r =>
            {
                if (r.Title.Contains(DraftTooLongMarker, StringComparison.Ordinal))
                {
                    return new ProviderException(AiFailureReason.BadRequest, "fake-instance", "400 context_length_exceeded.", 400);
                }

                lock (_flakyFailed)
                {
                    return r.Title.Contains(DraftFlakyMarker, StringComparison.Ordinal) && _flakyFailed.Add(r.Title)
                        ? new ProviderException(AiFailureReason.Unavailable, "fake-instance", "503 Service Unavailable.", 503, TimeSpan.FromSeconds(1))
                        : null;
                }
            },
        };
    }

    internal FakeAiFunctionInvoker Invoker { get; }

    internal InMemoryScreeningStore Store { get; } = new();

    /// <summary>Every call the workflows made on <see cref="Store"/>, in order: the method's name and its arguments.</summary>
    internal System.Collections.Concurrent.ConcurrentQueue<(string Method, object?[] Args)> StoreCalls { get; } = new();

    internal RecordingEventPublisher Events { get; } = new();

    /// <summary>Extra configuration for the host's services (e.g. <c>AiFunctions:Screening:OnScorerChange</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public DurableTaskClient Client => (_host ?? throw new InvalidOperationException("The host is not started.")).Client;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AiFunctions:Storage:Store"] = "InMemory" })
            .AddInMemoryCollection(Settings)
            .Build();
        _host = await TestDurableHost.StartAsync(
            registry => registry.AddHrWorkflows(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddLogging();
                    services.AddHrWorkflows(configuration);
                    services.AddSingleton(RecordingStore.Create(Store, StoreCalls));
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

    /// <summary>Starts a screening batch under its instance id <c>screening-{batchId}</c>.</summary>
    public Task<string> StartScreeningAsync(Screening.ScreeningBatchRequest request) =>
        Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.ScreeningBatchOrchestrator,
            request,
            new Microsoft.DurableTask.StartOrchestrationOptions { InstanceId = WorkflowInstanceIds.Screening(request.BatchId) });

    public Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan? timeout = null) =>
        HostWaits.WaitForCompletionAsync(Client, instanceId, timeout);

    /// <summary>Waits until an event of <paramref name="type"/> with subject <paramref name="subject"/> has been published <paramref name="count"/> times.</summary>
    public Task WaitForEventAsync(string type, string subject, int count = 1, TimeSpan? timeout = null) =>
        HostWaits.WaitForEventAsync(Events, type, subject, count, timeout);
}
