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
        new(@"he\s*/\s*she|s\s*/\s*he|she\s*/\s*he|he\s+or\s+she|she\s+or\s+he", GenderCoded, "they", "they"),
        new(@"his\s*/\s*her|his\s+or\s+her|her\s+or\s+his", GenderCoded, "their", "their"),
        new(@"him\s*/\s*her|him\s+or\s+her", GenderCoded, "them", "them"),
        new(@"culture\s+fit", Exclusionary, "culture add, or name the values you mean (e.g. \"collaborates openly\")", "culture add"),
        new(@"native\s+english\s+speakers?|english\s+native\s+speakers?|native\s+speakers?\s+of\s+english", Exclusionary, "fluent in English (spoken and written)", "fluent English speaker"),
        new(@"native\s+speakers?", Exclusionary, "fluent speaker", "fluent speaker"),
        new(@"digital\s+natives?", AgeCoded, "comfortable with digital tools", "person comfortable with digital tools"),
        new(@"recent\s+grad(?:uate)?s?|fresh\s+grad(?:uate)?s?", AgeCoded, "early-career", "early-career candidate"),
        new(@"rock\s*-?\s*stars?", GenderCoded, "skilled professional", "skilled professional"),
        new(@"ninjas?", GenderCoded, "expert", "expert"),
        new(@"gurus?", Exclusionary, "expert", "expert"),
        new(@"wizards?", GenderCoded, "specialist", "specialist"),
        new(@"manpower", GenderCoded, "workforce, staffing", "workforce"),
        new(@"man-?hours?", GenderCoded, "person-hours, work hours", "person-hours"),
        new(@"chairman|chairmen", GenderCoded, "chair, chairperson", "chair"),
        new(@"salesman|salesmen", GenderCoded, "salesperson", "salesperson"),
        new(@"foreman|foremen", GenderCoded, "supervisor", "supervisor"),
        new(@"guys", GenderCoded, "everyone, team", "everyone"),
        new(@"he|she|him|himself|herself", GenderCoded, "they / them (or \"you\")", "the candidate"),
        new(@"his|her|hers", GenderCoded, "their (or \"your\")", "their"),
        new(@"young|youthful", AgeCoded, "motivated (or describe the skill you need)", "motivated"),
        new(@"energetic", AgeCoded, "motivated, engaged", "motivated"),
        new(@"aggressive(?:ly)?", GenderCoded, "ambitious, proactive", "proactive"),
        new(@"dominant|dominate|dominating", GenderCoded, "leading, influential", "leading"),
        new(@"able-bodied", Ableist, "describe the physical task, e.g. \"able to lift 20 kg with or without accommodation\"", "able to perform the physical tasks described, with or without accommodation"),
        new(@"sanity\s+checks?", Ableist, "quick check, confidence check", "quick check"),
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
                findings.Add(new InclusiveLanguageFinding(match.Value, match.Index, match.Length, rule.Category, rule.Suggestion, rule.Replacement));
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

    /// <summary>
    /// Replaces every finding with its <see cref="InclusiveLanguageFinding.Replacement"/>, keeping a leading capital.
    /// Deterministic; grammar around a replaced pronoun may need an editor's touch ("he has" becomes "the candidate has").
    /// </summary>
    public string Rewrite(string text)
    {
        var findings = Check(text);
        if (findings.Count == 0)
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        var position = 0;
        foreach (var finding in findings)
        {
            result.Append(text, position, finding.Index - position);
            var replacement = finding.Replacement;
            if (replacement.Length > 0 && char.IsUpper(finding.Term[0]))
            {
                replacement = char.ToUpperInvariant(replacement[0]) + replacement[1..];
            }

            result.Append(replacement);
            position = finding.Index + finding.Length;
        }

        result.Append(text, position, text.Length - position);
        return result.ToString();
    }

    private sealed class Rule(string pattern, string category, string suggestion, string replacement)
    {
        // Whole words: not preceded or followed by a letter/digit (so "the", "shepherd", "history" never match "he"/"his").
        public Regex Pattern { get; } = new($@"(?<![\p{{L}}\p{{N}}])(?:{pattern})(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));

        public string Category { get; } = category;

        public string Suggestion { get; } = suggestion;

        public string Replacement { get; } = replacement;
    }
}
