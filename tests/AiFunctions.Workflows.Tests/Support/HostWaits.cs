using Microsoft.DurableTask.Client;

namespace AiFunctions.Workflows.Tests.Support;

/// <summary>Polling waits for orchestration tests (the client's own wait polls every 2 s).</summary>
internal static class HostWaits
{
    /// <summary>Polls every 50 ms until the instance has finished; fails after <paramref name="timeout"/> with its last state.</summary>
    public static async Task<OrchestrationMetadata> WaitForCompletionAsync(DurableTaskClient client, string instanceId, TimeSpan? timeout = null)
    {
        OrchestrationMetadata? last = null;
        try
        {
            await WaitUntilAsync(async () =>
            {
                last = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
                return last is { IsCompleted: true };
            }, timeout ?? TimeSpan.FromSeconds(60), $"instance {instanceId} to complete");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last state: {last?.RuntimeStatus}, custom status {last?.SerializedCustomStatus}.", e);
        }

        return last!;
    }

    public static Task WaitForEventAsync(RecordingEventPublisher events, string type, string subject, int count = 1, TimeSpan? timeout = null) =>
        WaitUntilAsync(
            () => Task.FromResult(events.Events.Count(e => e.Type == type && e.Subject == subject) >= count),
            timeout ?? TimeSpan.FromSeconds(60),
            $"{count} '{type}' event(s) for {subject}");

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
}
