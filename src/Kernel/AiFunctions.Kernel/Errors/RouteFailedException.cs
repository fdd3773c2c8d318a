namespace AiFunctions.Kernel.Errors;

/// <summary>Every target of a route failed (or was skipped: circuit open, rate limited). Lists each attempt.</summary>
public sealed class RouteFailedException : Exception
{
    public RouteFailedException(string route, IReadOnlyList<RouteAttemptFailure> attempts, Exception? last)
        : base($"Route '{route}': all {attempts.Count} target attempt(s) failed: " +
               string.Join("; ", attempts.Select(a => $"{a.Target} → {a.Reason}")), last)
    {
        Route = route;
        Attempts = attempts;
    }

    public string Route { get; }

    public IReadOnlyList<RouteAttemptFailure> Attempts { get; }
}

/// <summary>One failed or skipped target within a route call.</summary>
public sealed record RouteAttemptFailure(string Target, string Reason, ProviderFailureKind? Kind);
