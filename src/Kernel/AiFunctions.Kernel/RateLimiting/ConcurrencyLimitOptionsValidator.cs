using Microsoft.Extensions.Options;

namespace AiFunctions.Kernel.RateLimiting;

/// <summary>Start-up checks of <see cref="ConcurrencyLimitOptions"/>; each problem names the setting and the fix.</summary>
internal sealed class ConcurrencyLimitOptionsValidator : IValidateOptions<ConcurrencyLimitOptions>
{
    public const int MaxCalls = 10_000;

    public const int MaxQueue = 100_000;

    public ValidateOptionsResult Validate(string? name, ConcurrencyLimitOptions options)
    {
        var problems = new List<string>();
        foreach (var (key, rule) in options.Targets ?? [])
        {
            var path = $"{ConcurrencyLimitOptions.Section}:Targets:{key}";
            // "instance/model" splits at the first '/': model ids of OpenAI-compatible servers carry their own ("org/model").
            if (string.IsNullOrWhiteSpace(key) || key.Split('/', 2).Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"'{path}' is not a target key. Use a provider instance ('azure-east') or 'instance/model' ('azure-east/gpt-4.1-mini', 'vllm/meta-llama/Llama-3.1-8B-Instruct').");
            }

            if (rule is null || rule.MaxConcurrentCalls is < 1 or > MaxCalls)
            {
                problems.Add($"'{path}:MaxConcurrentCalls' is {rule?.MaxConcurrentCalls ?? 0}. Use 1-{MaxCalls}: the calls the provider serves at once for this target, or remove the entry for no limit.");
            }

            if (rule is not null && rule.MaxQueuedCalls is < 0 or > MaxQueue)
            {
                problems.Add($"'{path}:MaxQueuedCalls' is {rule.MaxQueuedCalls}. Use 0-{MaxQueue}: how many calls may wait for a slot before the target is skipped.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
