namespace AiFunctions.Kernel.SharedState;

/// <summary>
/// <c>AiFunctions:SharedState</c>: where the kernel keeps the state every instance must share — budget spending,
/// tenant rate-limit windows and the usage ledger. With <see cref="Redis"/> set, all instances use that Redis (Azure
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
}
