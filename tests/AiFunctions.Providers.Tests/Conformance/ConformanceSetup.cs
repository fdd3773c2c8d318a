namespace AiFunctions.Providers.Tests.Conformance;

/// <summary>Names the kit uses for instances and routes.</summary>
public static class ConformanceSetup
{
    public const string Primary = "primary";
    public const string Secondary = "secondary";

    /// <summary>Primary only; one retry with a tiny base delay, so a measured gap is the provider's Retry-After.</summary>
    public const string ChatRoute = "conformance-chat";

    /// <summary>Primary then secondary (priority failover).</summary>
    public const string FailoverRoute = "conformance-failover";

    /// <summary>Primary only, a short per-attempt timeout and no retries.</summary>
    public const string TimeoutRoute = "conformance-timeout";

    public const string EmbeddingRoute = "conformance-embedding";

    public static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(400);
}
