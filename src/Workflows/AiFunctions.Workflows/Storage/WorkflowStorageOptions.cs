using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Storage;

/// <summary>Configuration section <c>AiFunctions:Storage</c>.</summary>
public sealed class WorkflowStorageOptions
{
    public const string SectionName = "AiFunctions:Storage";

    /// <summary>Azure Storage connection string for tables and blobs. Default: Azurite ("UseDevelopmentStorage=true").</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Where results go: AzureStorage (default) or InMemory (tests and the in-memory backend only).</summary>
    public WorkflowStoreKind Store { get; set; } = WorkflowStoreKind.AzureStorage;

    /// <summary>
    /// Prefix for table and container names (letters and digits, starting with a letter), e.g. to share one account
    /// between environments or tests. Default none: tables ScreeningBatches, ScreeningCandidates, ScreeningResults,
    /// ScreeningDecisions, JobDescriptions; containers resumes, workflow-payloads.
    /// </summary>
    public string NamePrefix { get; set; } = string.Empty;
}

[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStoreKind>))]
public enum WorkflowStoreKind
{
    AzureStorage,
    InMemory,
}
