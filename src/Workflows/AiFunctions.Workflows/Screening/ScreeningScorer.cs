using AiFunctions.Kernel.Functions;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// A scorer is what produced a score: provider instance, model, function and prompt version. Scores of two scorers
/// are on different scales, so a batch ranks on one (docs/fairness.md, "one scorer per batch").
/// </summary>
public static class ScreeningScorer
{
    /// <summary>"instance/model@function:version", e.g. "azure/gpt-4o-mini@hr.screen-resume:2026-11-27.1".</summary>
    public static string Key(AiFunctionProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        return $"{provenance.ProviderInstance}/{provenance.Model}@{provenance.Function}:{provenance.FunctionVersion}";
    }

    /// <summary>The route target ("instance/model", the kernel's target key) of a scorer key.</summary>
    public static string Target(string scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var at = scorer.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? scorer : scorer[..at];
    }
}
