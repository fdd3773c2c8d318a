using System.Buffers;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.SharedState;
using Microsoft.Extensions.Options;

namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>
/// Checks of the kernel-wide options (<c>AiFunctions:Resilience</c>, <c>:RateLimits</c>, <c>:Redaction</c>), each failure
/// naming the setting's path and the fix. <see cref="AiKernelServiceCollectionExtensions.AddAiKernel"/> runs them while
/// registering (the kernel's wiring reads these values) and registers them with <c>ValidateOnStart</c>, so the same
/// check guards <c>IOptions&lt;T&gt;</c> too.
/// </summary>
internal sealed class ResilienceOptionsValidator : IValidateOptions<ResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, ResilienceOptions options)
    {
        var s = AiKernelSections.Resilience;
        var problems = new List<string>();
        var cb = options.CircuitBreaker ?? new CircuitBreakerOptions();
        if (cb.FailureRatio is <= 0 or > 1)
        {
            problems.Add($"'{s}:CircuitBreaker:FailureRatio' is {cb.FailureRatio}. Use a ratio above 0 and at most 1, e.g. 0.5.");
        }

        if (cb.MinimumThroughput < 2)
        {
            problems.Add($"'{s}:CircuitBreaker:MinimumThroughput' is {cb.MinimumThroughput}. Use at least 2 calls.");
        }

        AtLeast(problems, $"{s}:CircuitBreaker:SamplingDuration", cb.SamplingDuration, TimeSpan.FromMilliseconds(500));
        AtLeast(problems, $"{s}:CircuitBreaker:BreakDuration", cb.BreakDuration, TimeSpan.FromMilliseconds(500));
        AtLeast(problems, $"{s}:MaxRetryDelay", options.MaxRetryDelay, TimeSpan.Zero);
        AtLeast(problems, $"{s}:QuotaCooldown", options.QuotaCooldown, TimeSpan.Zero);
        return Result(problems);
    }

    private static void AtLeast(List<string> problems, string path, TimeSpan value, TimeSpan minimum)
    {
        if (value < minimum)
        {
            problems.Add($"'{path}' is {value}. Use at least {minimum} (hh:mm:ss.fff).");
        }
    }

    internal static ValidateOptionsResult Result(List<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var problems = new List<string>();
        foreach (var (scope, rules) in new[] { ("Targets", options.Targets), ("Tenants", options.Tenants) })
        {
            foreach (var (key, rule) in rules ?? [])
            {
                var path = $"{AiKernelSections.RateLimits}:{scope}:{key}";
                if (rule.RequestsPerMinute is <= 0)
                {
                    problems.Add($"'{path}:RequestsPerMinute' is {rule.RequestsPerMinute}. Use a positive number, or remove it for no request limit.");
                }

                if (rule.TokensPerMinute is <= 0)
                {
                    problems.Add($"'{path}:TokensPerMinute' is {rule.TokensPerMinute}. Use a positive number, or remove it for no token limit.");
                }
            }
        }

        return ResilienceOptionsValidator.Result(problems);
    }
}

internal sealed class RedactionOptionsValidator : IValidateOptions<RedactionOptions>
{
    public ValidateOptionsResult Validate(string? name, RedactionOptions options)
    {
        var problems = new List<string>();
        foreach (var region in options.PhoneRegions ?? [])
        {
            if (!PhoneNumberFinder.IsSupportedRegion(region))
            {
                problems.Add($"'{AiKernelSections.Redaction}:PhoneRegions' holds '{region}', which is not a region code libphonenumber knows. Use ISO 3166 alpha-2 codes such as US, GB, DE.");
            }
        }

        return ResilienceOptionsValidator.Result(problems);
    }
}

internal sealed class SharedStateOptionsValidator : IValidateOptions<SharedStateOptions>
{
    public ValidateOptionsResult Validate(string? name, SharedStateOptions options)
    {
        var s = SharedStateOptions.Section;
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            try
            {
                if (StackExchange.Redis.ConfigurationOptions.Parse(options.Redis).EndPoints.Count == 0)
                {
                    problems.Add($"'{s}:Redis' names no endpoint. Use host:port, e.g. 127.0.0.1:6379 or name.redis.cache.windows.net:6380,ssl=true,password=….");
                }
            }
            catch (ArgumentException ex)
            {
                // The parser's message names the bad option, never the password's value.
                problems.Add($"'{s}:Redis' is not a StackExchange.Redis configuration string ({ex.Message}). Use host:port[,option=value…], e.g. 127.0.0.1:6379.");
            }
        }

        if (string.IsNullOrEmpty(options.KeyPrefix))
        {
            problems.Add($"'{s}:KeyPrefix' is empty. Use a short prefix such as 'aif:' so the kernel's keys do not collide with other users of the Redis.");
        }

        if (options.CircuitRefreshInterval < TimeSpan.FromMilliseconds(50) || options.CircuitRefreshInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add($"'{s}:CircuitRefreshInterval' is {options.CircuitRefreshInterval}. Use between 00:00:00.050 and 00:01:00 (default 00:00:01).");
        }

        return ResilienceOptionsValidator.Result(problems);
    }
}

/// <summary>
/// Checks <c>AiFunctions:Providers:{instance}:ReplicaGroup</c>: a usable name (it becomes the first part of the scorer
/// key "group/model@function:version", so no '/', '@' or ':'), not the key of a provider instance (a group and an
/// instance would share one scorer identity), and one plugin per group (replicas serve the same deployment the same way).
/// </summary>
internal sealed class ProviderInstancesOptionsValidator : IValidateOptions<ProviderInstancesOptions>
{
    private const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    public ValidateOptionsResult Validate(string? name, ProviderInstancesOptions options)
    {
        var problems = new List<string>();
        var instances = options.Providers ?? [];
        var groups = new Dictionary<string, List<(string Instance, string? Plugin)>>(StringComparer.Ordinal);
        foreach (var (instance, settings) in instances.OrderBy(i => i.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (settings?.ReplicaGroup is not { } group)
            {
                continue;
            }

            var path = $"{AiKernelSections.Providers}:{instance}:{ProviderInstanceOptions.ReplicaGroupSetting}";
            if (string.IsNullOrWhiteSpace(group) || group.Length > MaxLength || group.AsSpan().ContainsAnyExcept(Allowed))
            {
                problems.Add($"'{path}' is '{group}'. Use 1-{MaxLength} letters, digits, '-', '_' or '.' (e.g. 'gpt-4o-2024-08-06'), or remove it to keep the instance a scorer of its own.");
                continue;
            }

            if (instances.Keys.FirstOrDefault(k => string.Equals(k, group, StringComparison.OrdinalIgnoreCase)) is { } clash)
            {
                problems.Add($"'{path}' is '{group}', which is also the key of provider instance '{clash}': a replica group and an instance would share one scorer identity. Use a name no provider instance has, e.g. '{group}-replicas'.");
                continue;
            }

            (groups.TryGetValue(group, out var members) ? members : groups[group] = []).Add((instance, settings.Plugin));
        }

        foreach (var spellings in groups.Keys.GroupBy(g => g, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"Replica groups {string.Join(" and ", spellings.Select(g => $"'{g}'"))} differ only in case: they are different groups (scorer keys compare exactly). Spell '{AiKernelSections.Providers}:{{instance}}:{ProviderInstanceOptions.ReplicaGroupSetting}' the same way on every replica.");
        }

        foreach (var (group, members) in groups)
        {
            var plugins = members.Select(m => m.Plugin ?? "(none)").Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (plugins.Length > 1)
            {
                problems.Add($"Replica group '{group}' mixes plugins ({string.Join(", ", members.Select(m => $"'{m.Instance}' uses '{m.Plugin}'"))}): replicas serve the same model deployment through the same plugin. " +
                    $"Give the instances of another plugin another '{AiKernelSections.Providers}:{{instance}}:{ProviderInstanceOptions.ReplicaGroupSetting}', or remove the setting from them.");
            }
        }

        return ResilienceOptionsValidator.Result(problems);
    }
}
