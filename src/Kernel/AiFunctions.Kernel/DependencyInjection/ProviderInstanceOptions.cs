namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>
/// The kernel's own settings of one provider instance, <c>AiFunctions:Providers:{instance}</c> (everything else in the
/// section — <c>Endpoint</c>, <c>ApiKey</c>, <c>Models</c>, ... — belongs to the instance's plugin).
/// </summary>
internal sealed class ProviderInstanceOptions
{
    /// <summary>The setting's name, <c>ReplicaGroup</c>.</summary>
    public const string ReplicaGroupSetting = "ReplicaGroup";

    /// <summary>The plugin id (required; checked when the instance is registered).</summary>
    public string? Plugin { get; set; }

    /// <summary>
    /// Declares the instance a replica of a model deployment that other instances serve too (e.g. the same Azure OpenAI
    /// model version in two regions): instances that name the same group, through the same plugin, are one scorer for the
    /// model they serve (docs/fairness.md, "One scorer per batch"). 1-64 letters, digits, '-', '_' or '.'; not the key of
    /// a provider instance. Unset (the default): the instance is a scorer of its own.
    /// </summary>
    public string? ReplicaGroup { get; set; }
}

/// <summary>Every provider instance's kernel settings, bound from <c>AiFunctions</c> (its <c>Providers</c> section).</summary>
internal sealed class ProviderInstancesOptions
{
    /// <summary>By instance key (case-insensitive, as instance keys are).</summary>
    public Dictionary<string, ProviderInstanceOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
