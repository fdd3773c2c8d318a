namespace AiFunctions.Kernel.Errors;

/// <summary>Every target of a route failed (or was skipped: circuit open, rate limited). Lists each attempt.</summary>
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
        : Attempts.Count > 0 && Attempts.All(a => a.Kind is null) ? AiFailureReason.CircuitOpen
        : AiFailureReason.Unknown;

    /// <summary>Transient when any target failed (or was skipped) for a reason that may pass: trying again later may succeed.</summary>
    public override bool IsTransient => InnerException is AiKernelException k ? k.IsTransient || Attempts.Any(a => a.Kind is null)
        : Attempts.Any(a => a.Kind is null or ProviderFailureKind.RateLimited or ProviderFailureKind.Unavailable or ProviderFailureKind.Timeout);

    public IReadOnlyList<RouteAttemptFailure> Attempts { get; }
}

/// <summary>One failed or skipped target within a route call.</summary>
public sealed record RouteAttemptFailure(string Target, string Reason, ProviderFailureKind? Kind);
