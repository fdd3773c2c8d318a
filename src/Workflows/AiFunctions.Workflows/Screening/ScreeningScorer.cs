using AiFunctions.Kernel.Functions;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// A scorer is what produced a score: provider instance — or the replica group the operator declared for it
/// (<c>AiFunctions:Providers:{instance}:ReplicaGroup</c>: instances serving the same model deployment) — model, function
/// and prompt version. Scores of two scorers are on different scales, so a batch ranks on one (docs/fairness.md, "one
/// scorer per batch"). The model and the function version are always part of the key: a replica group never merges two
/// models or two prompt versions. Which instance answered stays in the provenance (<see cref="AiFunctionProvenance.ProviderInstance"/>).
/// </summary>
public static class ScreeningScorer
{
    /// <summary>
    /// "instance/model@function:version", e.g. "azure/gpt-4o-mini@hr.screen-resume:2026-11-27.1"; for an instance of a
    /// replica group "group/model@function:version", e.g. "gpt-4o-mini-2024-07-18/gpt-4o-mini@hr.screen-resume:2026-11-27.1".
    /// </summary>
    public static string Key(AiFunctionProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        return $"{provenance.ReplicaGroup ?? provenance.ProviderInstance}/{provenance.Model}@{provenance.Function}:{provenance.FunctionVersion}";
    }

    /// <summary>
    /// The route target of a scorer key: "instance/model" (the kernel's target key), or "group/model" for a replica group,
    /// which the kernel resolves to every route target of the group serving that model (<see cref="Kernel.Context.RouteTargetPreference"/>).
    /// </summary>
    public static string Target(string scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var at = scorer.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? scorer : scorer[..at];
    }
}
