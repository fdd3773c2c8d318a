using System.Reflection;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Workflows.DependencyInjection;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Tests.Support;
using Azure;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>
/// Store and publish activities on the in-memory durable test host with a store that fails on demand: a transient
/// storage failure is retried durably by the retry handler; a permanent one (a 4xx) is never retried.
/// </summary>
public sealed class StoreFailureOrchestrationTests : IAsyncLifetime
{
    private readonly InMemoryScreeningStore _inner = new();
    private readonly FakeAiFunctionInvoker _invoker = new();
    private IScreeningStore _store = null!;
    private DurableTaskTestHost? _host;

    public async Task InitializeAsync()
    {
        _store = FaultyStore.Wrap(_inner);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AiFunctions:Storage:Store"] = "InMemory" }).Build();
        _host = await TestDurableHost.StartAsync(
            registry => registry.AddHrWorkflows(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddLogging();
                    services.AddHrWorkflows(configuration);
                    services.AddSingleton(_store);
                    services.AddSingleton<IAiFunctionInvoker>(_invoker);
                    services.AddSingleton<IPiiRedactor>(new RegexPiiRedactor());
                    services.AddSingleton<IWorkflowEventPublisher>(new RecordingEventPublisher());
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

    [Fact]
    public async Task A_transient_storage_failure_of_a_store_activity_is_retried_durably_and_the_batch_goes_on()
    {
        var faults = (FaultyStore)(object)_store;
        faults.Fail(nameof(IScreeningStore.SaveBatchAsync), times: 1, () => new RequestFailedException(503, "busy", "ServerBusy", null));

        var instanceId = await StartAsync("store-transient-1");
        await WaitForStatusAsync("store-transient-1", ScreeningBatchStatus.AwaitingReview);

        Assert.Equal(2, faults.Calls(nameof(IScreeningStore.SaveBatchAsync)));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _host!.Client.GetInstanceAsync(instanceId))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_permanent_storage_failure_of_a_store_activity_is_not_retried_and_fails_with_the_cause()
    {
        var faults = (FaultyStore)(object)_store;
        faults.Fail(nameof(IScreeningStore.SaveBatchAsync), times: 100, () => new RequestFailedException(400, "too large: Jane Doe", "EntityTooLarge", null));

        var instanceId = await StartAsync("store-permanent-1");
        var metadata = await HostWaits.WaitForCompletionAsync(_host!.Client, instanceId, TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(1, faults.Calls(nameof(IScreeningStore.SaveBatchAsync)));
        var failure = metadata.FailureDetails!.ToString();
        Assert.Contains("EntityTooLarge", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Doe", failure, StringComparison.Ordinal);
    }

    private Task<string> StartAsync(string batchId) => _host!.Client.ScheduleNewOrchestrationInstanceAsync(
        WorkflowNames.ScreeningBatchOrchestrator,
        Requests.Batch(batchId, [Requests.Candidate("c-1", "Ada Lovelace", "C#")]),
        new StartOrchestrationOptions { InstanceId = WorkflowInstanceIds.Screening(batchId) });

    private async Task WaitForStatusAsync(string batchId, ScreeningBatchStatus status)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while ((await _inner.GetBatchAsync(batchId, includeProgress: false))?.Status != status)
        {
            Assert.True(DateTime.UtcNow < until, $"Batch {batchId} did not reach {status} within 30 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>An <see cref="IScreeningStore"/> decorator that throws a scripted exception for the first N calls of a method.</summary>
    public class FaultyStore : DispatchProxy
    {
        private readonly Dictionary<string, (int Times, Func<Exception> Make)> _faults = [];
        private readonly Dictionary<string, int> _calls = [];
        private IScreeningStore _inner = null!;

        public static IScreeningStore Wrap(IScreeningStore inner)
        {
            var proxy = Create<IScreeningStore, FaultyStore>();
            ((FaultyStore)(object)proxy)._inner = inner;
            return proxy;
        }

        public void Fail(string method, int times, Func<Exception> make)
        {
            lock (_faults)
            {
                _faults[method] = (times, make);
            }
        }

        public int Calls(string method)
        {
            lock (_faults)
            {
                return _calls.GetValueOrDefault(method);
            }
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            lock (_faults)
            {
                var call = _calls[targetMethod.Name] = _calls.GetValueOrDefault(targetMethod.Name) + 1;
                if (_faults.TryGetValue(targetMethod.Name, out var fault) && call <= fault.Times)
                {
                    throw fault.Make();
                }
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}
