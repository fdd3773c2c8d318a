namespace AiFunctions.HrFunctions.Checks;

/// <summary>One flagged term in a text.</summary>
/// <param name="Term">The text as it appears (original case), e.g. "Rockstar".</param>
/// <param name="Index">Zero-based character position in the checked text.</param>
/// <param name="Length">Length of the flagged text.</param>
/// <param name="Category">Why it is flagged: gender-coded, age-coded, exclusionary, ableist.</param>
/// <param name="Suggestion">An inclusive alternative to use instead.</param>
public sealed record InclusiveLanguageFinding(string Term, int Index, int Length, string Category, string Suggestion);
