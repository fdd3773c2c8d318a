using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Management;

/// <summary><c>AiFunctions:Management</c>: the management API's settings.</summary>
public sealed class ManagementOptions
{
    public const string Section = "AiFunctions:Management";

    /// <summary>
    /// How often each host reads the newest stored version of every route and applies it (default 10 s, 1 s to 10 min).
    /// The host that accepts a change applies it at once; every other host within this interval.
    /// </summary>
    public TimeSpan RouteSyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often each host writes its hourly usage to storage for the usage report (default 30 s, 1 s to 10 min): other
    /// hosts' usage in a report is at most this old, and a crash loses at most this much of the host's history.
    /// </summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Checks <see cref="ManagementOptions"/> at start-up, naming the setting and the fix.</summary>
internal sealed class ManagementOptionsValidator : IValidateOptions<ManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagementOptions options)
    {
        var problems = new List<string>();
        foreach (var (setting, value) in new[] { ("RouteSyncInterval", options.RouteSyncInterval), ("UsageFlushInterval", options.UsageFlushInterval) })
        {
            if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromMinutes(10))
            {
                problems.Add($"'{ManagementOptions.Section}:{setting}' is {value}. Use a value between 00:00:01 and 00:10:00 (hh:mm:ss).");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
