using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Resilience;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>The kernel-wide sections of <c>AiFunctions</c> (pricing, budgets, rate limits, resilience, redaction), read and checked once.</summary>
internal sealed class KernelSettings
{
    public Dictionary<string, ModelPrice> Pricing { get; private init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, BudgetRule> Budgets { get; private init; } = new(StringComparer.OrdinalIgnoreCase);

    public RateLimitSettings RateLimits { get; private init; } = new();

    public ResilienceSettings Resilience { get; private init; } = new();

    public RedactionSettings Redaction { get; private init; } = new();

    /// <summary>Reads the sections; <paramref name="problems"/> collects every setting that cannot work.</summary>
    public static KernelSettings Read(IConfiguration configuration, List<string>? problems = null)
    {
        problems ??= [];
        var settings = new KernelSettings
        {
            Pricing = ReadMap<ModelPrice>(configuration.GetSection(AiKernelSections.Pricing), problems),
            Budgets = ReadMap<BudgetRule>(configuration.GetSection(AiKernelSections.Budgets), problems),
            RateLimits = Bind<RateLimitSettings>(configuration.GetSection(AiKernelSections.RateLimits), problems),
            Resilience = Bind<ResilienceSettings>(configuration.GetSection(AiKernelSections.Resilience), problems),
            Redaction = Bind<RedactionSettings>(configuration.GetSection(AiKernelSections.Redaction), problems),
        };
        settings.RateLimits.Targets = new(settings.RateLimits.Targets, StringComparer.OrdinalIgnoreCase);

        foreach (var (name, budget) in settings.Budgets)
        {
            var path = $"{AiKernelSections.Budgets}:{name}";
            if (budget.MaxTokens is null && budget.MaxCost is null)
            {
                problems.Add($"Budget '{name}' sets no limit. Set '{path}:MaxTokens' and/or '{path}:MaxCost'.");
            }

            if (budget.MaxTokens is < 0 || budget.MaxCost is < 0)
            {
                problems.Add($"Budget '{name}': limits must not be negative ('{path}').");
            }
        }

        foreach (var (scope, rules) in new[] { ("Targets", settings.RateLimits.Targets), ("Tenants", settings.RateLimits.Tenants) })
        {
            foreach (var (key, rule) in rules)
            {
                if (rule.RequestsPerMinute is <= 0 || rule.TokensPerMinute is <= 0)
                {
                    problems.Add($"Rate limit '{AiKernelSections.RateLimits}:{scope}:{key}': RequestsPerMinute and TokensPerMinute must be positive when set.");
                }
            }
        }

        foreach (var region in settings.Redaction.PhoneRegions ?? [])
        {
            if (!PhoneNumberFinder.IsSupportedRegion(region))
            {
                problems.Add($"'{AiKernelSections.Redaction}:PhoneRegions' holds '{region}', which is not a region code libphonenumber knows. Use ISO 3166 alpha-2 codes such as US, GB, DE.");
            }
        }

        var cb = settings.Resilience.CircuitBreaker;
        if (cb.FailureRatio is <= 0 or > 1 || cb.MinimumThroughput < 2 || cb.SamplingDuration < TimeSpan.FromMilliseconds(500) || cb.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            problems.Add($"'{AiKernelSections.Resilience}:CircuitBreaker' cannot work: FailureRatio must be in (0, 1], MinimumThroughput at least 2, SamplingDuration and BreakDuration at least 00:00:00.5.");
        }

        return settings;
    }

    private static Dictionary<string, T> ReadMap<T>(IConfigurationSection section, List<string> problems)
        where T : class, new()
    {
        var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            map[child.Key] = Bind<T>(child, problems);
        }

        return map;
    }

    private static T Bind<T>(IConfigurationSection section, List<string> problems)
        where T : class, new()
    {
        try
        {
            return section.Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"'{section.Path}' cannot be read: {ex.Message}");
            return new T();
        }
    }
}
