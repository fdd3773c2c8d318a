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
}

/// <summary>Checks <see cref="ManagementOptions"/> at start-up, naming the setting and the fix.</summary>
internal sealed class ManagementOptionsValidator : IValidateOptions<ManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagementOptions options) =>
        options.RouteSyncInterval < TimeSpan.FromSeconds(1) || options.RouteSyncInterval > TimeSpan.FromMinutes(10)
            ? ValidateOptionsResult.Fail($"'{ManagementOptions.Section}:RouteSyncInterval' is {options.RouteSyncInterval}. Use a value between 00:00:01 and 00:10:00 (hh:mm:ss).")
            : ValidateOptionsResult.Success;
}
