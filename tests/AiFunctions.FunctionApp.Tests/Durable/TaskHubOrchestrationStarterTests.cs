using System.Text.Json;
using AiFunctions.FunctionApp.Durable;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Durable;

/// <summary>The processors' orchestration starter, over a fake task hub (IOrchestrationServiceClient).</summary>
public sealed class TaskHubOrchestrationStarterTests
{
    private sealed record Input(string BatchId, int Count);

    private readonly Mock<IOrchestrationServiceClient> hub = new();
    private readonly List<TaskMessage> created = [];

    public TaskHubOrchestrationStarterTests()
    {
        hub.Setup(h => h.GetOrchestrationStateAsync(It.IsAny<string>(), It.IsAny<bool>())).ReturnsAsync(new List<OrchestrationState>());
        hub.Setup(h => h.CreateTaskOrchestrationAsync(It.IsAny<TaskMessage>())).Callback<TaskMessage>(created.Add).Returns(Task.CompletedTask);
        hub.Setup(h => h.CreateTaskOrchestrationAsync(It.IsAny<TaskMessage>(), It.IsAny<OrchestrationStatus[]>())).Callback<TaskMessage, OrchestrationStatus[]>((m, _) => created.Add(m)).Returns(Task.CompletedTask);
    }

    private TaskHubOrchestrationStarter Starter() => new(hub.Object, NullLoggerFactory.Instance);

    [Fact]
    public async Task Starts_an_absent_instance_with_its_name_id_and_json_input()
    {
        var started = await Starter().StartIfAbsentAsync("ScreeningBatchOrchestrator", "screening-b-1", new Input("b-1", 3), CancellationToken.None);

        Assert.True(started);
        var message = Assert.Single(created);
        var start = Assert.IsType<ExecutionStartedEvent>(message.Event);
        Assert.Equal("ScreeningBatchOrchestrator", start.Name);
        Assert.Equal("screening-b-1", message.OrchestrationInstance.InstanceId);
        // System.Text.Json, as the isolated worker reads it back (not DurableTask.Core's Newtonsoft output).
        Assert.Equal(new Input("b-1", 3), JsonSerializer.Deserialize<Input>(start.Input));
    }

    [Fact]
    public async Task Does_not_start_an_instance_that_exists()
    {
        hub.Setup(h => h.GetOrchestrationStateAsync("screening-b-1", It.IsAny<bool>()))
            .ReturnsAsync(new List<OrchestrationState> { new() { OrchestrationInstance = new OrchestrationInstance { InstanceId = "screening-b-1" }, OrchestrationStatus = OrchestrationStatus.Running } });

        var started = await Starter().StartIfAbsentAsync("ScreeningBatchOrchestrator", "screening-b-1", new Input("b-1", 3), CancellationToken.None);

        Assert.False(started);
        Assert.Empty(created);
    }

    [Fact]
    public async Task A_start_that_loses_the_race_reports_already_started()
    {
        hub.Setup(h => h.CreateTaskOrchestrationAsync(It.IsAny<TaskMessage>())).ThrowsAsync(new OrchestrationAlreadyExistsException("exists"));
        hub.Setup(h => h.CreateTaskOrchestrationAsync(It.IsAny<TaskMessage>(), It.IsAny<OrchestrationStatus[]>())).ThrowsAsync(new OrchestrationAlreadyExistsException("exists"));

        var started = await Starter().StartIfAbsentAsync("ScreeningBatchOrchestrator", "screening-b-1", new Input("b-1", 3), CancellationToken.None);

        Assert.False(started);
    }
}
