using AiFunctions.Host.Durable;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiFunctions.Host.Tests.Unit;

public sealed class DurableBackendTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(DurableBackendOptionsValidator.Problems(new DurableBackendOptions()));
    }

    [Fact]
    public void Each_bad_setting_is_named()
    {
        var problems = DurableBackendOptionsValidator.Problems(new DurableBackendOptions
        {
            TaskHubName = "1-bad",
            WorkerId = " ",
            PartitionCount = 17,
            MaxQueuePollingInterval = TimeSpan.Zero,
            LeaseInterval = TimeSpan.FromSeconds(1),
        });
        Assert.Contains(problems, p => p.Contains("TaskHubName", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("WorkerId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("PartitionCount", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxQueuePollingInterval", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("LeaseInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Azure_storage_settings_carry_the_tuned_values_and_the_type_binder()
    {
        var options = new DurableBackendOptions { LeaseInterval = TimeSpan.FromSeconds(12), WorkerId = "w1", TaskHubName = "hub1" };
        var settings = OrchestrationServiceFactory.CreateAzureStorageSettings(options, NullLoggerFactory.Instance);
        Assert.Equal("w1", settings.WorkerId);
        Assert.Equal("hub1", settings.TaskHubName);
        Assert.Equal(TimeSpan.FromMilliseconds(200), settings.MaxQueuePollingInterval);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), settings.LeaseRenewInterval);
        Assert.Equal(64, settings.MaxConcurrentTaskActivityWorkItems);
        Assert.IsType<ProtobufTagsTypeBinder>(settings.CustomMessageTypeBinder);
    }

    [Fact]
    public void The_binder_writes_and_reads_protobuf_maps_as_dictionaries()
    {
        var binder = new ProtobufTagsTypeBinder();
        Assert.Equal(typeof(Dictionary<string, string>), binder.BindToType(
            string.Empty, "Google.Protobuf.Collections.MapField`2[[System.String, System.Private.CoreLib],[System.String, System.Private.CoreLib]]"));
        var mapField = typeof(Google.Protobuf.Collections.MapField<string, string>);
        binder.BindToName(mapField, out var assembly, out var name);
        Assert.Equal(typeof(Dictionary<string, string>).FullName, name);
        Assert.Equal(typeof(Dictionary<string, string>), binder.BindToType(assembly!, name!));
        binder.BindToName(typeof(TimeSpan), out assembly, out name);
        Assert.Equal(typeof(TimeSpan), binder.BindToType(assembly!, name!));
    }

    [Fact]
    public void Sidecar_sub_orchestration_events_become_plain_dtfx_events()
    {
        var sidecarEvent = new Microsoft.DurableTask.Testing.Sidecar.Dispatcher.GrpcSubOrchestrationInstanceCreatedEvent(7)
        {
            Name = "ScreeningChunkOrchestrator",
            InstanceId = "screening-b1-chunk-00000",
            Input = "{}",
        };
        IList<HistoryEvent> events = [new OrchestratorStartedEvent(-1), sidecarEvent];
        SidecarCompatibleOrchestrationService<DurableTask.AzureStorage.AzureStorageOrchestrationService>.Normalize(events);
        var replaced = Assert.IsType<SubOrchestrationInstanceCreatedEvent>(events[1]);
        Assert.Equal(7, replaced.EventId);
        Assert.Equal("ScreeningChunkOrchestrator", replaced.Name);
        Assert.Equal("screening-b1-chunk-00000", replaced.InstanceId);
        Assert.Equal("{}", replaced.Input);
        Assert.IsType<OrchestratorStartedEvent>(events[0]);
    }
}
