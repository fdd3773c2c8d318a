namespace AiFunctions.Host.Durable;

/// <summary>Where orchestration state lives.</summary>
public enum DurableBackendKind
{
    /// <summary>Azure Storage queues, tables and blobs (Azurite locally). The only backend for real use.</summary>
    AzureStorage,

    /// <summary>Process memory; state is lost on exit. For tests only.</summary>
    InMemory,
}
