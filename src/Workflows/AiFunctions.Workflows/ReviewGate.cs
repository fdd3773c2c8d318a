using Microsoft.DurableTask;

namespace AiFunctions.Workflows;

/// <summary>
/// Waits for a human's decision (an external event) or a durable timer, whichever comes first (orchestrator code
/// only). One waiter stays registered across waits (escalations), so a decision raised at any time is seen. A
/// payload that is missing or fails <c>isValid</c> is ignored and the gate keeps waiting until the same deadline, for at
/// most <see cref="MaxIgnoredPerWait"/> such payloads per wait: each one adds to the orchestration's history, so past
/// that the gate stops reading decisions until the deadline (a flood of bad raises cannot grow the history without
/// bound; the waiter stays registered, so after an escalation the next payload is read again).
/// </summary>
internal sealed class ReviewGate<T>(TaskOrchestrationContext context, string eventName, Func<T, bool> isValid)
    where T : class
{
    /// <summary>Invalid payloads one wait reads before it only waits for its deadline (DURABLE0011: bounded history).</summary>
    internal const int MaxIgnoredPerWait = 32;

    private Task<T> _next = context.WaitForExternalEvent<T>(eventName);

    /// <summary>The decision, or null when <paramref name="deadline"/> passed first.</summary>
    public async Task<T?> WaitAsync(DateTime deadline)
    {
        using var timerCancellation = new CancellationTokenSource();
        var timer = context.CreateTimer(deadline, timerCancellation.Token);
        for (var ignored = 0; ignored < MaxIgnoredPerWait; ignored++)
        {
            var winner = await Task.WhenAny(_next, timer).ConfigureAwait(true);
            if (winner == timer)
            {
                return null;
            }

            var decision = await _next.ConfigureAwait(true);
            _next = context.WaitForExternalEvent<T>(eventName);
            if (decision is not null && isValid(decision))
            {
                // Synchronous Cancel on purpose: CancelAsync would continue on the thread pool, outside the
                // orchestrator's single-threaded scheduler, and the orchestration would never make progress.
#pragma warning disable CA1849 // Call async methods when in an async method
                timerCancellation.Cancel();
#pragma warning restore CA1849
                return decision;
            }
        }

        await timer.ConfigureAwait(true);
        return null;
    }
}
