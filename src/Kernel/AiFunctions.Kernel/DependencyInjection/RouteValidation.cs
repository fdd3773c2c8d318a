using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>Start-up checks of <c>AiFunctions:Routes</c> against the registered provider instances.</summary>
internal static class RouteValidation
{
    public static void Validate(IConfiguration configuration, IReadOnlyList<ProviderInstanceInfo> instances, List<string> problems)
    {
        var byKey = instances.ToDictionary(i => i.Instance, StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetSection(AiKernelSections.Routes).GetChildren())
        {
            RouteOptions route;
            try
            {
                route = section.Get<RouteOptions>() ?? new RouteOptions();
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"Route '{section.Key}': '{section.Path}' cannot be read: {ex.Message}");
                continue;
            }

            if (route.Timeout < TimeSpan.FromMilliseconds(10) || route.Timeout > TimeSpan.FromHours(24))
            {
                problems.Add($"Route '{section.Key}': '{section.Path}:Timeout' is {route.Timeout}; use a value between 00:00:00.010 and 24:00:00.");
            }

            if (route.MaxRetries is < 0 or > 10 || route.MaxRepairAttempts is < 0 or > 5)
            {
                problems.Add($"Route '{section.Key}': MaxRetries must be 0-10 and MaxRepairAttempts 0-5 (are {route.MaxRetries} and {route.MaxRepairAttempts}) under '{section.Path}'.");
            }

            if (route.MaxRetryWait < TimeSpan.Zero || route.MaxRetryWait > TimeSpan.FromHours(1))
            {
                problems.Add($"Route '{section.Key}': '{section.Path}:MaxRetryWait' is {route.MaxRetryWait}; use a value between 00:00:00 (never wait, fail over at once) and 01:00:00.");
            }

            if (route.RetryBaseDelay <= TimeSpan.Zero || route.CacheDuration is { } cache && cache <= TimeSpan.Zero)
            {
                problems.Add($"Route '{section.Key}': RetryBaseDelay and CacheDuration must be positive time spans (hh:mm:ss) under '{section.Path}'.");
            }

            if (route.Targets.Count == 0)
            {
                problems.Add($"Route '{section.Key}' has no targets. Add at least one under '{section.Path}:Targets' with Provider and Model.");
            }

            for (var i = 0; i < route.Targets.Count; i++)
            {
                var target = route.Targets[i];
                var path = $"{section.Path}:Targets:{i}";
                if (!byKey.TryGetValue(target.Provider, out var instance))
                {
                    problems.Add($"Route '{section.Key}': '{path}:Provider' is '{target.Provider}', which is not a configured provider instance. Configured: {string.Join(", ", byKey.Keys.Order())}.");
                    continue;
                }

                if (instance.Models.Count > 0 && !instance.Models.Contains(target.Model, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"Route '{section.Key}': '{path}:Model' is '{target.Model}', which provider instance '{instance.Instance}' does not list in its Models ({string.Join(", ", instance.Models)}). Add it there or pick one of those.");
                }

                if (target.Weight <= 0)
                {
                    problems.Add($"Route '{section.Key}': '{path}:Weight' is {target.Weight}; weights must be positive.");
                }
            }
        }
    }
}
