using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.SharedState;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>
/// The kernel-wide sections of <c>AiFunctions</c> (pricing, budgets, rate limits, resilience, redaction), read and checked
/// once with the same <see cref="IValidateOptions{TOptions}"/> validators that <c>ValidateOnStart</c> runs.
/// </summary>
internal sealed class KernelOptions
{
    public Dictionary<string, ModelPrice> Pricing { get; private init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, BudgetRule> Budgets { get; private init; } = new(StringComparer.OrdinalIgnoreCase);

    public RateLimitOptions RateLimits { get; private init; } = new();

    public ConcurrencyLimitOptions ConcurrencyLimits { get; private init; } = new();

    public ResilienceOptions Resilience { get; private init; } = new();

    public RedactionOptions Redaction { get; private init; } = new();

    /// <summary>The kernel's settings of each provider instance (<c>ReplicaGroup</c>).</summary>
    public ProviderInstancesOptions Providers { get; private init; } = new();

    public SharedStateOptions SharedState { get; private init; } = new();

    /// <summary>Reads the sections; <paramref name="problems"/> collects every setting that cannot work.</summary>
    public static KernelOptions Read(IConfiguration configuration, List<string>? problems = null)
    {
        problems ??= [];
        var settings = new KernelOptions
        {
            Pricing = ReadMap<ModelPrice>(configuration.GetSection(AiKernelSections.Pricing), problems),
            Budgets = ReadMap<BudgetRule>(configuration.GetSection(AiKernelSections.Budgets), problems),
            RateLimits = Bind<RateLimitOptions>(configuration.GetSection(AiKernelSections.RateLimits), problems),
            ConcurrencyLimits = Bind<ConcurrencyLimitOptions>(configuration.GetSection(ConcurrencyLimitOptions.Section), problems),
            Resilience = Bind<ResilienceOptions>(configuration.GetSection(AiKernelSections.Resilience), problems),
            Redaction = Bind<RedactionOptions>(configuration.GetSection(AiKernelSections.Redaction), problems),
            Providers = new ProviderInstancesOptions { Providers = ReadMap<ProviderInstanceOptions>(configuration.GetSection(AiKernelSections.Providers), problems) },
            SharedState = Bind<SharedStateOptions>(configuration.GetSection(SharedStateOptions.Section), problems),
        };
        settings.RateLimits.Targets = new(settings.RateLimits.Targets, StringComparer.OrdinalIgnoreCase);
        settings.ConcurrencyLimits.Targets = new(settings.ConcurrencyLimits.Targets, StringComparer.OrdinalIgnoreCase);

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

        Check(new RateLimitOptionsValidator().Validate(null, settings.RateLimits), problems);
        Check(new ConcurrencyLimitOptionsValidator().Validate(null, settings.ConcurrencyLimits), problems);
        Check(new RedactionOptionsValidator().Validate(null, settings.Redaction), problems);
        Check(new ResilienceOptionsValidator().Validate(null, settings.Resilience), problems);
        Check(new ProviderInstancesOptionsValidator().Validate(null, settings.Providers), problems);
        Check(new SharedStateOptionsValidator().Validate(null, settings.SharedState), problems);

        return settings;
    }

    private static void Check(ValidateOptionsResult result, List<string> problems)
    {
        if (result.Failed)
        {
            problems.AddRange(result.Failures);
        }
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
