using Microsoft.DurableTask;

namespace AiFunctions.Workflows;

/// <summary>
/// Durable retry policies for activity calls (the retries survive a host restart). Storage clients retry
/// transient errors inside each attempt; these cover an outage longer than that.
/// </summary>
internal static class WorkflowRetry
{
    /// <summary>Store and publish activities: 5 attempts, 2 s doubling to at most 1 min.</summary>
    public static TaskOptions Storage { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(1)));

    /// <summary>Drafting a job description (a model call): 3 attempts, 5 s doubling.</summary>
    public static TaskOptions Drafting { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3,
        firstRetryInterval: TimeSpan.FromSeconds(5),
        backoffCoefficient: 2.0,
        maxRetryInterval: TimeSpan.FromMinutes(5)));
}
