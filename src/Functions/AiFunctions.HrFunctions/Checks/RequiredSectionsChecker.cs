using AiFunctions.HrFunctions.Drafting;

namespace AiFunctions.HrFunctions.Checks;

/// <summary>
/// Checks that a job description draft has every section a published job description needs: summary,
/// responsibilities, requirements, benefits and an equal-opportunity statement (nice-to-haves are optional).
/// </summary>
public sealed class RequiredSectionsChecker
{
    public const string Summary = "Summary";
    public const string Responsibilities = "Responsibilities";
    public const string Requirements = "Requirements";
    public const string Benefits = "Benefits";
    public const string EqualOpportunityStatement = "EqualOpportunityStatement";

    /// <summary>The names of the required sections that are missing or blank; empty when the draft is complete.</summary>
    public IReadOnlyList<string> Check(JobDescriptionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var missing = new List<string>();
        if (IsBlank(draft.Summary))
        {
            missing.Add(Summary);
        }

        if (IsBlank(draft.Responsibilities))
        {
            missing.Add(Responsibilities);
        }

        if (IsBlank(draft.Requirements))
        {
            missing.Add(Requirements);
        }

        if (IsBlank(draft.Benefits))
        {
            missing.Add(Benefits);
        }

        if (IsBlank(draft.EqualOpportunityStatement))
        {
            missing.Add(EqualOpportunityStatement);
        }

        return missing;
    }

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    private static bool IsBlank(IReadOnlyList<string>? items) => items is null || items.All(string.IsNullOrWhiteSpace);
}
