using AiFunctions.Hosting.Lifecycle;
using AiFunctions.Workflows.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace AiFunctions.FunctionApp.Lifecycle;

/// <summary>
/// The Functions app's retention schedule: a timer trigger (daily at 03:15 UTC, <see cref="Schedule"/>) calling the
/// shared <see cref="RetentionPurge"/> with the task hub's client. Does nothing when no <see cref="RetentionOptions"/>
/// period is set. A failed run throws, so the platform records it; the next day's run does the rest (the purge is
/// idempotent).
/// </summary>
public sealed class RetentionTimerFunction(RetentionPurge purge, IOptions<RetentionOptions> options)
{
    /// <summary>NCRONTAB (seconds first): 03:15:00 UTC every day.</summary>
    public const string Schedule = "0 15 3 * * *";

    [Function("RetentionPurge")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (options.Value.Enabled)
        {
            await purge.RunAsync(client, CandidateErasure.TriggerSchedule, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
