using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;

namespace AiFunctions.Workflows.Failures;

/// <summary>
/// What a workflow activity throws when it fails: the classified failure, content-free, as the message
/// "{Reason}: {Description}" (plus " [retry-after-ms:N]" when the service asked for a wait). The Durable Task SDK
/// carries the exception type name (<see cref="TaskFailureDetails.ErrorType"/>) and the message to the orchestrator,
/// where <see cref="WorkflowRetry"/> retries <see cref="TransientActivityFailureException"/> only
/// (<see cref="TaskFailureDetails.IsCausedBy{T}"/>). The original exception is not attached: its message may hold
/// personal data and would otherwise be written to the task hub's history.
/// </summary>
public abstract partial class ActivityFailureException : Exception
{
    private protected ActivityFailureException(ClassifiedFailure failure)
        : base(FormatMessage(failure))
    {
        Failure = failure;
    }

    /// <summary>The classified failure.</summary>
    public ClassifiedFailure Failure { get; }

    /// <summary>The exception an activity throws for <paramref name="failure"/>: transient or permanent.</summary>
    public static ActivityFailureException From(ClassifiedFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.IsTransient ? new TransientActivityFailureException(failure) : new PermanentActivityFailureException(failure);
    }

    /// <summary>The wait a failed activity asked for, read back from its failure details; null when none.</summary>
    public static TimeSpan? RetryAfterOf(TaskFailureDetails? failure) =>
        failure?.ErrorMessage is { } message && RetryAfterToken().Match(message) is { Success: true } m
            && long.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    /// <summary>The content-free reason to store for a failed activity: its message without the retry hint.</summary>
    public static string ReasonOf(TaskFailureDetails? failure) => failure is null
        ? FailureReasons.Unexpected
        : failure.IsCausedBy<ActivityFailureException>()
            ? RetryAfterToken().Replace(failure.ErrorMessage, string.Empty)
            : $"{FailureReasons.Unexpected}: the activity failed with {failure.ErrorType.Split('.')[^1]} before it could classify the failure.";

    private static string FormatMessage(ClassifiedFailure failure) => failure.RetryAfter is { } wait
        ? string.Create(CultureInfo.InvariantCulture, $"{failure} [retry-after-ms:{(long)wait.TotalMilliseconds}]")
        : failure.ToString();

    [GeneratedRegex(@" \[retry-after-ms:(\d+)\]$")]
    private static partial Regex RetryAfterToken();
}

/// <summary>An activity failed for a reason that may pass: the orchestrator retries it durably (<see cref="WorkflowRetry"/>).</summary>
public sealed class TransientActivityFailureException : ActivityFailureException
{
    internal TransientActivityFailureException(ClassifiedFailure failure)
        : base(failure)
    {
    }
}

/// <summary>An activity failed for good (bad request, refused content, storage refusal): never retried.</summary>
public sealed class PermanentActivityFailureException : ActivityFailureException
{
    internal PermanentActivityFailureException(ClassifiedFailure failure)
        : base(failure)
    {
    }
}
