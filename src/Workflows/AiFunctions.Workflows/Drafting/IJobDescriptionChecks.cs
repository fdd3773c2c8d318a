using AiFunctions.HrFunctions.Drafting;

namespace AiFunctions.Workflows.Drafting;

/// <summary>The automatic checks a draft goes through before a human sees it (inclusive language, required sections).</summary>
public interface IJobDescriptionChecks
{
    IReadOnlyList<JobDescriptionFinding> Check(JobDescriptionDraft draft);
}
