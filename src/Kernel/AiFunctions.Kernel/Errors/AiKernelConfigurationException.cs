namespace AiFunctions.Kernel.Errors;

/// <summary>
/// Thrown at start-up when the AI kernel's configuration cannot work: an unknown or incompatible plugin, a
/// duplicate instance key, a route naming an unknown instance or model, a missing required setting. The message
/// names the setting and the fix; <see cref="Problems"/> lists every problem found, not just the first.
/// </summary>
public sealed class AiKernelConfigurationException : Exception
{
    public AiKernelConfigurationException(string message)
        : this([message])
    {
    }

    public AiKernelConfigurationException(IReadOnlyList<string> problems)
        : base(problems.Count == 1
            ? "AI kernel configuration error: " + problems[0]
            : $"AI kernel configuration has {problems.Count} errors:{Environment.NewLine} - " + string.Join(Environment.NewLine + " - ", problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
