using System.Text.RegularExpressions;

namespace AiFunctions.Workflows.Sanitizing;

/// <summary>
/// Removes a candidate's name from a resume before it reaches a model: the full name and each part of it (first,
/// middle, last; two letters or more, except everyday words such as "An") wherever it occurs as a whole word, case-insensitive, replaced by
/// <see cref="Placeholder"/>. The kernel's <c>IPiiRedactor</c> then handles e-mails, phones, addresses, dates of birth
/// and ids.
/// </summary>
public static class CandidateNameBlinder
{
    public const string Placeholder = "[CANDIDATE]";

    /// <summary>The parts of a display name that are removed ("Mary-Jane O'Neil" → "Mary-Jane", "Mary", "Jane", "O'Neil", "Neil").</summary>
    public static IReadOnlyList<string> NameParts(string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var parts = new List<string>();
        var full = displayName.Trim();
        if (full.Length > 0)
        {
            parts.Add(full);
        }

        foreach (var token in full.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            AddPart(parts, token);
            foreach (var sub in token.Split(['-', '\'', '’', '.'], StringSplitOptions.RemoveEmptyEntries))
            {
                AddPart(parts, sub);
            }
        }

        // Longest first, so "Mary-Jane" is replaced before "Mary".
        return parts.OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The text with every name part replaced, and how many replacements were made.</summary>
    public static (string Text, int Replacements) Blind(string text, string displayName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var part in NameParts(displayName))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape);
            var pattern = new Regex(
                $@"(?<![\p{{L}}\p{{N}}]){string.Join(@"[\s,]+", words)}(?![\p{{L}}\p{{N}}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(2));
            text = pattern.Replace(text, _ =>
            {
                count++;
                return Placeholder;
            });
        }

        return (text, count);
    }

    // Name parts that are also everyday English words are replaced only as part of the full name: replacing "An" or
    // "Do" everywhere would change the resume's content for some names and not others.
    private static readonly HashSet<string> CommonWords = new(
        ["a", "an", "and", "as", "at", "be", "by", "do", "go", "he", "in", "is", "it", "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we", "the", "for", "van", "von", "de", "la", "del", "der", "da", "di", "du"],
        StringComparer.OrdinalIgnoreCase);

    private static void AddPart(List<string> parts, string part)
    {
        var trimmed = part.Trim('.', ',', '(', ')', '"');
        if (trimmed.Length >= 2 && !CommonWords.Contains(trimmed) && !parts.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            parts.Add(trimmed);
        }
    }
}
