using System.Text.RegularExpressions;
using AiFunctions.HrFunctions.Drafting;

namespace AiFunctions.HrFunctions.Checks;

/// <summary>
/// Deterministic check of job-description text for gender-coded, age-coded and exclusionary wording. Each finding
/// gives the term, where it is and an alternative. Whole words only, case-insensitive; a longer phrase wins over a
/// term inside it ("he or she" is one finding, not two). It is a word list, not a judgement: a reviewer decides.
/// </summary>
public sealed partial class InclusiveLanguageChecker
{
    public const string GenderCoded = "gender-coded";
    public const string AgeCoded = "age-coded";
    public const string Exclusionary = "exclusionary";
    public const string Ableist = "ableist";

    private static readonly Rule[] Rules =
    [
        // Multi-word phrases first: an overlap with an earlier finding is skipped.
        new(@"he\s*/\s*she|s\s*/\s*he|she\s*/\s*he|he\s+or\s+she|she\s+or\s+he", GenderCoded, "they"),
        new(@"his\s*/\s*her|his\s+or\s+her|her\s+or\s+his", GenderCoded, "their"),
        new(@"him\s*/\s*her|him\s+or\s+her", GenderCoded, "them"),
        new(@"culture\s+fit", Exclusionary, "culture add, or name the values you mean (e.g. \"collaborates openly\")"),
        new(@"native\s+english\s+speakers?|english\s+native\s+speakers?|native\s+speakers?\s+of\s+english", Exclusionary, "fluent in English (spoken and written)"),
        new(@"native\s+speakers?", Exclusionary, "fluent speaker"),
        new(@"digital\s+natives?", AgeCoded, "comfortable with digital tools"),
        new(@"recent\s+grad(?:uate)?s?|fresh\s+grad(?:uate)?s?", AgeCoded, "early-career"),
        new(@"rock\s*-?\s*stars?", GenderCoded, "skilled professional"),
        new(@"ninjas?", GenderCoded, "expert"),
        new(@"gurus?", Exclusionary, "expert"),
        new(@"wizards?", GenderCoded, "specialist"),
        new(@"manpower", GenderCoded, "workforce, staffing"),
        new(@"man-?hours?", GenderCoded, "person-hours, work hours"),
        new(@"chairman|chairmen", GenderCoded, "chair, chairperson"),
        new(@"salesman|salesmen", GenderCoded, "salesperson"),
        new(@"foreman|foremen", GenderCoded, "supervisor"),
        new(@"guys", GenderCoded, "everyone, team"),
        new(@"he|she|him|his|hers|himself|herself", GenderCoded, "they / them / their (or \"you\")"),
        new(@"young|youthful", AgeCoded, "motivated (or describe the skill you need)"),
        new(@"energetic", AgeCoded, "motivated, engaged"),
        new(@"aggressive(?:ly)?", GenderCoded, "ambitious, proactive"),
        new(@"dominant|dominate|dominating", GenderCoded, "leading, influential"),
        new(@"able-bodied", Ableist, "describe the physical task, e.g. \"able to lift 20 kg with or without accommodation\""),
        new(@"sanity\s+checks?", Ableist, "quick check, confidence check"),
    ];

    /// <summary>Findings in <paramref name="text"/>, ordered by position.</summary>
    public IReadOnlyList<InclusiveLanguageFinding> Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<InclusiveLanguageFinding>();
        var taken = new List<(int Start, int End)>();
        foreach (var rule in Rules)
        {
            foreach (Match match in rule.Pattern.Matches(text))
            {
                var end = match.Index + match.Length;
                if (taken.Any(t => match.Index < t.End && end > t.Start))
                {
                    continue;
                }

                taken.Add((match.Index, end));
                findings.Add(new InclusiveLanguageFinding(match.Value, match.Index, match.Length, rule.Category, rule.Suggestion));
            }
        }

        findings.Sort((a, b) => a.Index.CompareTo(b.Index));
        return findings;
    }

    /// <summary>Findings in a draft's rendered <see cref="JobDescriptionDraft.Markdown"/> (positions refer to it).</summary>
    public IReadOnlyList<InclusiveLanguageFinding> Check(JobDescriptionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Check(draft.Markdown);
    }

    private sealed class Rule(string pattern, string category, string suggestion)
    {
        // Whole words: not preceded or followed by a letter/digit (so "the", "shepherd", "history" never match "he"/"his").
        public Regex Pattern { get; } = new($@"(?<![\p{{L}}\p{{N}}])(?:{pattern})(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

        public string Category { get; } = category;

        public string Suggestion { get; } = suggestion;
    }
}
