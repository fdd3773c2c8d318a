using AiFunctions.HrFunctions.Checks;
using AiFunctions.HrFunctions.Drafting;

namespace AiFunctions.Workflows.Drafting;

/// <summary>The HR functions' <see cref="InclusiveLanguageChecker"/> and <see cref="RequiredSectionsChecker"/> as findings.</summary>
internal sealed class HrJobDescriptionChecks(InclusiveLanguageChecker inclusiveLanguage, RequiredSectionsChecker requiredSections) : IJobDescriptionChecks
{
    public const string InclusiveLanguage = "inclusive-language";
    public const string RequiredSections = "required-sections";

    public IReadOnlyList<JobDescriptionFinding> Check(JobDescriptionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var findings = new List<JobDescriptionFinding>();
        findings.AddRange(requiredSections.Check(draft).Select(section =>
            new JobDescriptionFinding(RequiredSections, $"The required section '{section}' is missing or empty.")));
        findings.AddRange(inclusiveLanguage.Check(draft).Select(f =>
            new JobDescriptionFinding(InclusiveLanguage, $"'{f.Term}' ({f.Category}) at position {f.Index}: consider \"{f.Suggestion}\".")));
        return findings;
    }
}
