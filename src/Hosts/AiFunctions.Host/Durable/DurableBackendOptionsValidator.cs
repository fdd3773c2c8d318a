using Microsoft.Extensions.Options;

namespace AiFunctions.Host.Durable;

/// <summary>
/// Start-up checks of <see cref="DurableBackendOptions"/> (registered with <c>ValidateOnStart</c>, and run at
/// registration too, because the backend's wiring reads the options); each problem names the setting and the fix.
/// </summary>
internal sealed class DurableBackendOptionsValidator : IValidateOptions<DurableBackendOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableBackendOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IReadOnlyList<string> Problems(DurableBackendOptions o)
    {
        var problems = new List<string>();
        var s = DurableBackendOptions.Section;
        if (o.Backend == DurableBackendKind.AzureStorage && string.IsNullOrWhiteSpace(o.StorageConnectionString))
        {
            problems.Add($"'{s}:StorageConnectionString' is empty. Set a storage connection string, or UseDevelopmentStorage=true for Azurite.");
        }

        if (string.IsNullOrWhiteSpace(o.TaskHubName) || o.TaskHubName.Length is < 3 or > 45 || !o.TaskHubName.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(o.TaskHubName[0]))
        {
            problems.Add($"'{s}:TaskHubName' is '{o.TaskHubName}'. Use 3-45 ASCII letters and digits, starting with a letter.");
        }

        if (string.IsNullOrWhiteSpace(o.WorkerId))
        {
            problems.Add($"'{s}:WorkerId' is empty. Set a name that stays the same across restarts of this host.");
        }

        if (o.PartitionCount is < 1 or > 16)
        {
            problems.Add($"'{s}:PartitionCount' is {o.PartitionCount}. Use 1-16 (and never change it for an existing task hub).");
        }

        Positive(problems, $"{s}:MaxQueuePollingInterval", o.MaxQueuePollingInterval);
        Positive(problems, $"{s}:WorkItemQueueVisibilityTimeout", o.WorkItemQueueVisibilityTimeout);
        Positive(problems, $"{s}:ControlQueueVisibilityTimeout", o.ControlQueueVisibilityTimeout);
        if (o.LeaseInterval < TimeSpan.FromSeconds(3))
        {
            problems.Add($"'{s}:LeaseInterval' is {o.LeaseInterval}. Use at least 00:00:03; renewals run every third of it.");
        }

        if (o.MaxConcurrentActivities < 1 || o.MaxConcurrentOrchestrations < 1)
        {
            problems.Add($"'{s}:MaxConcurrentActivities' and '{s}:MaxConcurrentOrchestrations' must be at least 1.");
        }

        if (o.SidecarPort is < 0 or > 65535)
        {
            problems.Add($"'{s}:SidecarPort' is {o.SidecarPort}. Use a free TCP port, or 0 to pick one.");
        }

        return problems;
    }

    private static void Positive(List<string> problems, string path, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"'{path}' is {value}. Use a positive time span (hh:mm:ss.fff).");
        }
    }
}
