using System.Text.RegularExpressions;

namespace AiFunctions.Providers.Local.Screening;

/// <summary>
/// The content terms of a criterion ("5+ years of C# and SQL Server" → c#, sql, server) and whether a text contains
/// them. Words are lower-cased and lightly stemmed (plural "s", "-ing", "-ed"); generic requirement words ("years",
/// "experience", "strong", "ability" …) are ignored because every resume has them.
/// </summary>
internal static partial class RequirementTerms
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is", "are", "be", "being",
        "been", "was", "were", "has", "have", "had", "do", "does", "this", "that", "these", "those", "it", "its", "their", "our",
        "your", "you", "we", "they", "who", "which", "such", "e.g", "eg", "i.e", "ie", "etc", "via", "per", "into", "across", "within",
        "other", "related", "relevant", "similar", "equivalent", "including", "include", "includ", "e", "g", "s", "plus", "least", "more",
        "than", "over", "minimum", "maximum", "year", "years", "month", "months", "experience", "experienced", "experienc", "ability",
        "able", "abilit", "strong", "proven", "excellent", "good", "great", "solid", "demonstrated", "demonstrat", "knowledge",
        "understanding", "understand", "skill", "skills", "proficiency", "proficient", "familiarity", "familiar", "working",
        "work", "hands", "hands-on", "professional", "required", "require", "requir", "preferred", "prefer", "must", "should",
        "will", "can", "level", "degree", "field", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "some", "any", "all", "both", "well", "high", "highly", "very", "using", "use", "us",
    };

    /// <summary>The criterion's content terms: each as written (lower-cased) and its stem, which is what is matched.</summary>
    public static IReadOnlyList<(string Word, string Stem)> Extract(string criterion)
    {
        var terms = new List<(string Word, string Stem)>();
        foreach (var (word, stem) in Tokens(criterion))
        {
            if (!Ignored.Contains(stem) && !Ignored.Contains(word) && word.Any(char.IsLetter) && !terms.Exists(t => t.Stem == stem))
            {
                terms.Add((word, stem));
            }
        }

        return terms;
    }

    /// <summary>The distinct stemmed tokens of a text.</summary>
    public static HashSet<string> TokenSet(string text) => [.. Tokens(text).Select(t => t.Stem)];

    private static IEnumerable<(string Word, string Stem)> Tokens(string text)
    {
        foreach (Match match in Token().Matches(text))
        {
            var token = match.Value.ToLowerInvariant().TrimEnd('.', '-', '\'', '’', ',');
            if (token.Length > 0)
            {
                yield return (token, Stem(token));
            }
        }
    }

    private static string Stem(string token)
    {
        if (token.Any(c => !char.IsLetter(c) && c != '-'))
        {
            return token; // c#, c++, .net, node.js, ci/cd: keep as written
        }

        if (token.Length > 5 && token.EndsWith("ing", StringComparison.Ordinal))
        {
            return token[..^3];
        }

        if (token.Length > 4 && token.EndsWith("ed", StringComparison.Ordinal))
        {
            return token[..^2];
        }

        if (token.Length > 4 && token.EndsWith("ies", StringComparison.Ordinal))
        {
            return token[..^3] + "y";
        }

        if (token.Length > 3 && token.EndsWith('s') && !token.EndsWith("ss", StringComparison.Ordinal))
        {
            return token[..^1];
        }

        return token;
    }

    /// <summary>Words, keeping the marks that make skill names (c#, c++, .net, node.js, ci/cd).</summary>
    [GeneratedRegex(@"\.?[\p{L}\p{N}][\p{L}\p{N}#+/.'’-]*")]
    private static partial Regex Token();
}
