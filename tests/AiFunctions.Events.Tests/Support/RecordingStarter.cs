using System.Collections.Concurrent;
using AiFunctions.Events.Orchestration;

namespace AiFunctions.Events.Tests.Support;

/// <summary>An orchestration starter that remembers instance ids (a second start of the same id starts nothing).</summary>
internal sealed class RecordingStarter : IOrchestrationStarter
{
    public ConcurrentDictionary<string, (string Name, object Input)> Started { get; } = new();

    public Task<bool> StartIfAbsentAsync(string orchestratorName, string instanceId, object input, CancellationToken cancellationToken) =>
        Task.FromResult(Started.TryAdd(instanceId, (orchestratorName, input)));
}
