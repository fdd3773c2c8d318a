namespace AiFunctions.HrFunctions.Checks;

/// <summary>One flagged term in a text.</summary>
/// <param name="Term">The text as it appears (original case), e.g. "Rockstar".</param>
/// <param name="Index">Zero-based character position in the checked text.</param>
/// <param name="Length">Length of the flagged text.</param>
/// <param name="Category">Why it is flagged: gender-coded, age-coded, exclusionary, ableist.</param>
/// <param name="Suggestion">Inclusive alternatives to use instead, in words for an editor.</param>
/// <param name="Replacement">A drop-in replacement used by <see cref="InclusiveLanguageChecker.Rewrite"/> (may be empty: remove the term).</param>
public sealed record InclusiveLanguageFinding(string Term, int Index, int Length, string Category, string Suggestion, string Replacement);
