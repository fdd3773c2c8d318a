using Microsoft.DurableTask;

namespace AiFunctions.Workflows;

/// <summary>Waits for a human's external event or a durable timer, whichever comes first (orchestrator code only).</summary>
internal static class ReviewGate
{
    /// <summary>
    /// Races <paramref name="reviewTask"/> against a timer at <paramref name="deadline"/>. The same review task may be
    /// passed again after a timeout (escalation): one waiter per event name, so an event raised at any time is seen.
    /// Returns the review, or null when the timer fired first (the timer is cancelled when the review wins).
    /// </summary>
    public static async Task<T?> WaitAsync<T>(TaskOrchestrationContext context, Task<T> reviewTask, DateTime deadline)
        where T : class
    {
        using var timerCancellation = new CancellationTokenSource();
        var timer = context.CreateTimer(deadline, timerCancellation.Token);
        var winner = await Task.WhenAny(reviewTask, timer).ConfigureAwait(true);
        if (winner == reviewTask)
        {
            // Synchronous Cancel on purpose: CancelAsync would continue on the thread pool, outside the
            // orchestrator's single-threaded scheduler, and the orchestration would never make progress.
#pragma warning disable CA1849 // Call async methods when in an async method
            timerCancellation.Cancel();
#pragma warning restore CA1849
            return await reviewTask.ConfigureAwait(true);
        }

        return null;
    }

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
