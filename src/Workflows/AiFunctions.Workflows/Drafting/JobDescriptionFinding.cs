namespace AiFunctions.Workflows.Drafting;

/// <summary>One finding of the automatic checks on a draft, shown to the reviewer with the draft.</summary>
/// <param name="Check">"inclusive-language" or "required-sections".</param>
/// <param name="Message">What was found and what to do, e.g. "'rockstar' → 'skilled engineer'".</param>
public sealed record JobDescriptionFinding(string Check, string Message);
