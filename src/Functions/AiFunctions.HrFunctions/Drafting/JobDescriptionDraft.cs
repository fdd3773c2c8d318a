namespace AiFunctions.HrFunctions.Drafting;

/// <summary>A job description draft in sections; <see cref="Markdown"/> is the rendered whole.</summary>
public sealed record JobDescriptionDraft(
    string Title,
    string Summary,
    IReadOnlyList<string> Responsibilities,
    IReadOnlyList<string> Requirements,
    IReadOnlyList<string> NiceToHaves,
    string Benefits,
    string EqualOpportunityStatement,
    string Markdown);
