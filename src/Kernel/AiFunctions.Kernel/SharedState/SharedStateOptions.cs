namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// <c>AiFunctions:SharedState</c>: where the kernel keeps the state every instance must share — budget spending,
/// tenant and target rate-limit windows, the usage ledger and open circuits / kept-out targets. With <see cref="Redis"/> set, all instances use that Redis (Azure
/// Cache for Redis in Azure, <c>redis-server</c> locally) and a restart loses no spending; without it, each instance
/// keeps its own in-process state (each grants the whole budget and limit again, and a restart starts at zero).
/// </summary>
public sealed class SharedStateOptions
{
    public const string Section = "AiFunctions:SharedState";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or <c>name.redis.cache.windows.net:6380,ssl=true,password=…</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of every key the kernel writes (several deployments can share one Redis).</summary>
    public string KeyPrefix { get; set; } = "aif:";

    /// <summary>Default of <see cref="CircuitRefreshInterval"/>.</summary>
    public static readonly TimeSpan DefaultCircuitRefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often each instance reads the circuits other instances opened (and the targets they keep out), in one
    /// pipelined round trip for all targets; calls read only the local copy. It bounds how late an instance sees another
    /// instance's open circuit (this interval plus one round trip). Between 50 ms and 1 minute; default 1 second.
    /// </summary>
    public TimeSpan CircuitRefreshInterval { get; set; } = DefaultCircuitRefreshInterval;
}
