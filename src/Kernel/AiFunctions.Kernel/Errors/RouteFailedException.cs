namespace AiFunctions.Kernel.Errors;

/// <summary>Every target of a route failed (or was skipped: circuit open, kept out, rate limited). Lists each attempt.</summary>
public sealed class RouteFailedException : AiKernelException
{
    public RouteFailedException(string route, IReadOnlyList<RouteAttemptFailure> attempts, Exception? last)
        : base($"Route '{route}': all {attempts.Count} target attempt(s) failed: " +
               string.Join("; ", attempts.Select(a => $"{a.Target} → {a.Reason}")), last)
    {
        Route = route;
        Attempts = attempts;
    }

    public string Route { get; }

    /// <summary>
    /// The reason of the last attempt that was a real failure (a provider failure rather than a skip), or
    /// <see cref="AiFailureReason.CircuitOpen"/> when every target was skipped.
    /// </summary>
    public override AiFailureReason Reason => InnerException is AiKernelException k ? k.Reason
        : Attempts.Count > 0 && Attempts.All(a => a.Kind is null or AiFailureReason.CircuitOpen) ? AiFailureReason.CircuitOpen
        : Attempts.LastOrDefault(a => a.Kind is not null)?.Kind ?? AiFailureReason.Unknown;

    /// <summary>
    /// Transient when any target failed (or was skipped) for a reason that may pass: trying again later may succeed.
    /// Permanent when every target failed permanently, e.g. every target's answer was schema-invalid after repair.
    /// </summary>
    public override bool IsTransient => Attempts.Any(a => a.Kind is null || AiFailureReasons.IsTransient(a.Kind.Value));

    /// <summary>The shortest wait any failed or kept-out target asked for; null when none did.</summary>
    public override TimeSpan? RetryAfter => Attempts.Where(a => a.RetryAfter is not null).Select(a => a.RetryAfter).Min();

    public IReadOnlyList<RouteAttemptFailure> Attempts { get; }
}

/// <summary>One failed or skipped target within a route call.</summary>
/// <param name="Target">"instance/model".</param>
/// <param name="Reason">Content-free description (reason and HTTP status, or why it was skipped).</param>
/// <param name="Kind">The failure's reason; null for a skip whose cause is not a provider failure (circuit open).</param>
/// <param name="RetryAfter">When the target asked for a wait or is kept out, how long.</param>
public sealed record RouteAttemptFailure(string Target, string Reason, AiFailureReason? Kind, TimeSpan? RetryAfter = null);
