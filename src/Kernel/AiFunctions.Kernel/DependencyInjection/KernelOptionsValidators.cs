using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Resilience;
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
