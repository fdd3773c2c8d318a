namespace AiFunctions.HrFunctions.Drafting;

/// <summary>What the hiring manager asks for; on a revision round, the previous draft and the reviewer's comments.</summary>
public sealed record JobDescriptionRequest(
    string Title,
    string Department,
    string Location,
    string EmploymentType,
    IReadOnlyList<string> Responsibilities,
    IReadOnlyList<string> Requirements,
    IReadOnlyList<string> NiceToHaves,
    string? SalaryRange = null,
    JobDescriptionDraft? PreviousDraft = null,
    IReadOnlyList<string>? RevisionComments = null);
