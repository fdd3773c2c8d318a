using AiFunctions.Workflows.Failures;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows;

/// <summary>
/// Durable retries for activity calls (they survive a host restart), built as retry handlers
/// (<see cref="TaskOptions.FromRetryHandler(AsyncRetryHandler)"/>) that retry <b>transient failures only</b>: an activity
/// failure caused by <see cref="TransientActivityFailureException"/> (<see cref="TaskFailureDetails.IsCausedBy{T}"/>) is
/// retried after a durable timer of the backoff or the Retry-After it carried, whichever is longer (capped at the
/// maximum interval); a <see cref="PermanentActivityFailureException"/> (a 400, 401, refused content, a storage refusal)
/// or any unclassified failure is never retried. Storage clients retry transient errors inside each attempt too; these
/// cover an outage longer than that.
/// </summary>
internal static class WorkflowRetry
{
    /// <summary>Store and publish activities: 5 attempts, 2 s doubling to at most 1 min.</summary>
    public static TaskOptions Storage { get; } = TransientOnly(5, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));

    /// <summary>Drafting a job description (a model call): 3 attempts, 5 s doubling to at most 5 min.</summary>
    public static TaskOptions Drafting { get; } = TransientOnly(3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    /// <summary>The wait before retry number <paramref name="lastAttempt"/> + 1: the doubling backoff or the failure's Retry-After.</summary>
    internal static TimeSpan Delay(int lastAttempt, TimeSpan first, TimeSpan max, TaskFailureDetails? failure)
    {
        var backoff = TimeSpan.FromTicks(Math.Min(first.Ticks * (1L << Math.Clamp(lastAttempt - 1, 0, 30)), max.Ticks));
        var hinted = ActivityFailureException.RetryAfterOf(failure) ?? TimeSpan.Zero;
        return hinted > backoff ? (hinted < max ? hinted : max) : backoff;
    }

    private static TaskOptions TransientOnly(int maxAttempts, TimeSpan first, TimeSpan max) => TaskOptions.FromRetryHandler(async retry =>
    {
        if (retry.LastAttemptNumber >= maxAttempts || retry.LastFailure?.IsCausedBy<TransientActivityFailureException>() != true)
        {
            return false;
        }

        await retry.OrchestrationContext.CreateTimer(Delay(retry.LastAttemptNumber, first, max, retry.LastFailure), retry.CancellationToken).ConfigureAwait(true);
        return true;
    });
}
