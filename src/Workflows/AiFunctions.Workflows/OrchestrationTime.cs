using Microsoft.DurableTask;

namespace AiFunctions.Workflows;

/// <summary>Replay-safe time for orchestrator code: always the orchestration's own clock.</summary>
internal static class OrchestrationTime
{
    /// <summary>The orchestration's current time as a UTC offset (CurrentUtcDateTime may be Kind Unspecified).</summary>
    public static DateTimeOffset Now(TaskOrchestrationContext context) =>
        new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    /// <summary>A deadline <paramref name="timeout"/> from now, rounded up to whole seconds (timers have 1 s resolution).</summary>
    public static DateTime Deadline(TaskOrchestrationContext context, TimeSpan timeout)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(timeout.TotalSeconds));
        return DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc).AddSeconds(seconds);
    }
}
