namespace AiFunctions.Host.Durable;

/// <summary>
/// Settings of the standalone host's Durable Task backend (<c>AiFunctions:Durable</c>). The defaults are tuned for
/// one host process on Azurite or a storage account; docs/host.md explains each one.
/// </summary>
public sealed class DurableBackendOptions
{
    public const string Section = "AiFunctions:Durable";

    public DurableBackendKind Backend { get; set; } = DurableBackendKind.AzureStorage;

    /// <summary>Storage connection string; the Azurite development account by default.</summary>
    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Task hub name: the prefix of the queues, tables and lease container (3-45 letters or digits).</summary>
    public string TaskHubName { get; set; } = "aifunctions";

    /// <summary>
    /// Stable worker id. The provider's default is the machine name; keeping it stable across restarts lets a restarted
    /// host take its own partition leases back at once instead of waiting for them to expire.
    /// </summary>
    public string WorkerId { get; set; } = "aifunctions-host";

    /// <summary>Control-queue partitions (1-16). More lets several hosts share orchestrations; one host needs few.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Longest back-off between polls of an empty queue (provider default 30 s).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a dequeued activity message stays invisible. Work in flight when a host dies is retried after this,
    /// and the sidecar does not renew the lock: keep it above the longest activity (provider default 5 min).
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a dequeued orchestration message stays invisible (replays are short; provider default 5 min).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Partition lease duration: how long another worker waits for a dead worker's partitions (provider default 30 s).</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Activities run at once by this host (provider default 10 per core).</summary>
    public int MaxConcurrentActivities { get; set; } = 64;

    /// <summary>Orchestration episodes run at once by this host.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 16;

    /// <summary>Loopback port of the embedded gRPC sidecar; 0 picks a free one.</summary>
    public int SidecarPort { get; set; }
}
