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

            if (route.HedgingDelay is { } hedging && (hedging < TimeSpan.FromMilliseconds(10) || hedging >= route.Timeout))
            {
                problems.Add($"Route '{section.Key}': '{section.Path}:HedgingDelay' is {hedging}; use a value of at least 00:00:00.010 and shorter than the route's Timeout ({route.Timeout}), about the 95th percentile of the provider's normal latency, or remove it to turn hedging off.");
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

            if (route.Shadow is { } shadow)
            {
                ValidateShadow(section, route, shadow, byKey, problems);
            }
        }
    }

    /// <summary>Start-up checks of <c>AiFunctions:Routes:{route}:Shadow</c> (<see cref="RouteShadowOptions"/>).</summary>
    private static void ValidateShadow(IConfigurationSection section, RouteOptions route, RouteShadowOptions shadow, Dictionary<string, ProviderInstanceInfo> byKey, List<string> problems)
    {
        var path = $"{section.Path}:Shadow";
        if (shadow.Target is not { } target || string.IsNullOrWhiteSpace(target.Provider) || string.IsNullOrWhiteSpace(target.Model))
        {
            problems.Add($"Route '{section.Key}': '{path}:Target' needs Provider and Model (the candidate target to compare with); set '{path}:Target:Provider' and '{path}:Target:Model', or remove '{path}'.");
        }
        else if (!byKey.TryGetValue(target.Provider, out var instance))
        {
            problems.Add($"Route '{section.Key}': '{path}:Target:Provider' is '{target.Provider}', which is not a configured provider instance. Configured: {string.Join(", ", byKey.Keys.Order())}.");
        }
        else if (instance.Models.Count > 0 && !instance.Models.Contains(target.Model, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"Route '{section.Key}': '{path}:Target:Model' is '{target.Model}', which provider instance '{instance.Instance}' does not list in its Models ({string.Join(", ", instance.Models)}). Add it there or pick one of those.");
        }
        else if (route.Targets.Any(t => string.Equals(t.Provider, target.Provider, StringComparison.OrdinalIgnoreCase) && string.Equals(t.Model, target.Model, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"Route '{section.Key}': '{path}:Target' is {target.Provider}/{target.Model}, which is already one of the route's targets; a shadow compares another target, so pick one the route does not use.");
        }

        if (!IsRate(shadow.SampleRate))
        {
            problems.Add($"Route '{section.Key}': '{path}:SampleRate' is {shadow.SampleRate}; use a share between 0 (none) and 1 (every call).");
        }

        foreach (var (function, options) in shadow.Functions)
        {
            if (options.SampleRate is not { } rate || !IsRate(rate))
            {
                problems.Add($"Route '{section.Key}': '{path}:Functions:{function}:SampleRate' is {options.SampleRate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}; use a share between 0 and 1.");
            }
        }

        if (shadow.Budget.MaxTokens is < 0 || shadow.Budget.MaxCost is < 0)
        {
            problems.Add($"Route '{section.Key}': '{path}:Budget:MaxTokens' and '{path}:Budget:MaxCost' must not be negative (leave them unset for no limit).");
        }

        if (!Enum.IsDefined(shadow.Budget.Period))
        {
            problems.Add($"Route '{section.Key}': '{path}:Budget:Period' is {shadow.Budget.Period}; use Daily, Monthly or Total.");
        }

        if (shadow.Timeout < TimeSpan.FromMilliseconds(10) || shadow.Timeout > TimeSpan.FromHours(1))
        {
            problems.Add($"Route '{section.Key}': '{path}:Timeout' is {shadow.Timeout}; use a value between 00:00:00.010 and 01:00:00.");
        }

        if (shadow.MaxConcurrency is < 1 or > 64)
        {
            problems.Add($"Route '{section.Key}': '{path}:MaxConcurrency' is {shadow.MaxConcurrency}; use 1-64 shadow calls at once.");
        }

        if (shadow.QueueCapacity is < 1 or > 10_000)
        {
            problems.Add($"Route '{section.Key}': '{path}:QueueCapacity' is {shadow.QueueCapacity}; use 1-10000 waiting calls (a full queue drops sampled calls, it never delays the primary).");
        }
    }

    private static bool IsRate(double rate) => rate is >= 0 and <= 1 && !double.IsNaN(rate);
}
