using System.Text;
using System.Text.RegularExpressions;

namespace AiFunctions.Workflows.Sanitizing;

/// <summary>
/// Removes a candidate's name from a resume where the resume uses it as a name, and nowhere else, so the text that
/// leaves for a model is the same whatever the name (counterfactual invariance, docs/fairness.md):
/// <list type="number">
/// <item>by structure, without knowing the name: the value of a "Name:" / "Full Name:" / "Candidate:" / "Contact:"
/// label, the heading (the first line of the resume that is not a section title, when it reads as a name), the line
/// after a closing ("Sincerely," "Best regards," …) and "My name is …";</item>
/// <item>with the display name: the full name in any case and spacing (also "Last, First" and first + last without
/// the middle names), a title + any part ("Ms. Erickson"), and each part on its own where it stands as a proper noun:
/// capitalised, not next to another capitalised word, a number, '&amp;' or "of" (so "San Francisco", "JPMorgan Chase",
/// "Georgia State University", "Johnson &amp; Johnson", "May 2015" are left), and not a word that is also a month,
/// place or everyday word (<see cref="NameLexicon.Ambiguous"/>: "May", "Washington", "Will", "Rose" alone stay).</item>
/// </list>
/// Every removal becomes the one placeholder <see cref="Placeholder"/>: it does not depend on the name. E-mail
/// addresses and profile URLs on known hosts are left to the kernel's redactor (it replaces them whole); another URL
/// or handle that contains a part of the name becomes <see cref="UrlPlaceholder"/>.
/// </summary>
public static partial class CandidateNameBlinder
{
    public const string Placeholder = "[CANDIDATE]";

    /// <summary>What replaces a URL or handle (not on a known profile host) that contains a part of the name.</summary>
    public const string UrlPlaceholder = "[PROFILE_URL]";

    private const int HeadingLines = 8;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static readonly string[] KnownProfileHosts = ["linkedin.com/", "github.com/", "twitter.com/", "x.com/", "facebook.com/", "instagram.com/", "xing.com/"];

    /// <summary>Whether a name part is also a month, place, organisation, skill or everyday word, so it is removed on its own only after a title (it is always removed within the full name).</summary>
    public static bool IsAmbiguousNamePart(string part) => NameLexicon.Ambiguous.Contains(part);

    /// <summary>The parts of a display name ("Mary-Jane O'Neil" → "Mary-Jane", "O'Neil", "Mary", "Jane", "Neil"), longest first; particles excluded.</summary>
    public static IReadOnlyList<string> NameParts(string? displayName)
    {
        var parts = new List<string>();
        foreach (var token in Tokens(displayName))
        {
            AddPart(parts, token);
            foreach (var sub in token.Split(['-', '\'', '’', '.'], StringSplitOptions.RemoveEmptyEntries))
            {
                AddPart(parts, sub);
            }
        }

        return parts.OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The text with the name removed (see the type's summary), and how many removals were made.</summary>
    /// <param name="text">Sanitised resume text.</param>
    /// <param name="displayName">The candidate's name, or null/empty when unknown (then only the structural removals apply).</param>
    public static (string Text, int Replacements) Blind(string text, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        text = BlindStructure(text, ref count);
        var tokens = Tokens(displayName);
        if (tokens.Length > 0)
        {
            text = BlindKnownName(text, tokens, ref count);
        }

        return (text, count);
    }

    private static string[] Tokens(string? displayName) =>
        (displayName ?? string.Empty).Split([' ', '\t', ',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Trim('.', '(', ')', '"'))
            .Where(t => t.Length > 0)
            .ToArray();

    private static void AddPart(List<string> parts, string part)
    {
        var trimmed = part.Trim('.', ',', '(', ')', '"');
        if (trimmed.Length >= 2 && !NameLexicon.Particles.Contains(trimmed) && !parts.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            parts.Add(trimmed);
        }
    }

    // ---- 1. structure (name-independent) ----

    private static string BlindStructure(string text, ref int count)
    {
        var removed = 0;
        text = LabelledName().Replace(text, m => Replace(m, ref removed));
        text = SignatureName().Replace(text, m => Replace(m, ref removed));
        text = SelfIntroduction().Replace(text, m => Replace(m, ref removed));
        text = BlindHeading(text, ref removed);
        count += removed;
        return text;

        static string Replace(Match m, ref int removed)
        {
            var value = m.Groups["v"];
            if (!IsNameLike(value.Value, minWords: m.Groups["contact"].Success ? 2 : 1))
            {
                return m.Value;
            }

            removed++;
            return string.Concat(m.Value.AsSpan(0, value.Index - m.Index), Placeholder, m.Value.AsSpan(value.Index - m.Index + value.Length));
        }
    }

    /// <summary>The first line of the resume that is neither decoration nor a section title, when it reads as a name (before any '|', ',' or dash).</summary>
    private static string BlindHeading(string text, ref int removed)
    {
        var lineStart = 0;
        for (var seen = 0; seen < HeadingLines && lineStart < text.Length; seen++)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            var content = line.Trim(" \t*_#>|[]-=~•—–:");
            content = StripEnumeration(content);
            if (content.Length == 0 || AllHeadingWords(content))
            {
                lineStart = lineEnd + 1;
                continue;
            }

            if (content.Contains(Placeholder, StringComparison.Ordinal))
            {
                return text;
            }

            var segment = FirstSegment(content);
            if (IsNameLike(segment, minWords: 2) && !AnyHeadingWord(segment))
            {
                var at = lineStart + text.AsSpan(lineStart, lineEnd - lineStart).IndexOf(segment, StringComparison.Ordinal);
                removed++;
                return string.Concat(text.AsSpan(0, at), Placeholder, text.AsSpan(at + segment.Length));
            }

            return text;
        }

        return text;
    }

    private static ReadOnlySpan<char> StripEnumeration(ReadOnlySpan<char> content)
    {
        var m = Enumeration().Match(content.ToString());
        return m.Success ? content[m.Length..].Trim(" \t*_#>|[]-=~•—–:") : content;
    }

    private static ReadOnlySpan<char> FirstSegment(ReadOnlySpan<char> content)
    {
        var cut = content.Length;
        foreach (var separator in new[] { "|", ",", " - ", " – ", " — ", "·", "•" })
        {
            var at = content.IndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && at < cut)
            {
                cut = at;
            }
        }

        return content[..cut].Trim(" \t*_");
    }

    private static bool AllHeadingWords(ReadOnlySpan<char> content)
    {
        var any = false;
        foreach (var word in Words().EnumerateMatches(content))
        {
            any = true;
            if (!NameLexicon.HeadingWords.Contains(content.Slice(word.Index, word.Length).ToString()))
            {
                return false;
            }
        }

        return any;
    }

    private static bool AnyHeadingWord(ReadOnlySpan<char> content)
    {
        foreach (var word in Words().EnumerateMatches(content))
        {
            if (NameLexicon.HeadingWords.Contains(content.Slice(word.Index, word.Length).ToString()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNameLike(ReadOnlySpan<char> value, int minWords)
    {
        if (!NameLike().IsMatch(value))
        {
            return false;
        }

        var words = 0;
        foreach (var _ in Words().EnumerateMatches(value))
        {
            words++;
        }

        return words >= minWords;
    }

    // ---- 2. the known name ----

    private static string BlindKnownName(string text, string[] tokens, ref int count)
    {
        var removed = 0;
        text = ReplaceUrlsWithName(text, tokens, ref removed);

        // A title with the full name or any part of it: "Ms. Erickson", "Dr Adam Erickson" (the title goes too: no gender signal is left).
        var parts = NameParts(string.Join(' ', tokens));
        var alternatives = string.Join('|', new[] { string.Join(@"[ \t]+", tokens.Select(Regex.Escape)) }.Concat(parts.Select(Regex.Escape)).Where(a => a.Length > 0));
        if (parts.Count > 0)
        {
            var titled = new Regex(
                $@"(?<![\p{{L}}\p{{N}}])(?-i:{string.Join('|', NameLexicon.Titles)})\.?[ \t]+(?:{alternatives})(?![\p{{L}}\p{{N}}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                Timeout);
            text = ReplaceOutsideAddresses(text, titled, ref removed, requireStandalone: false);
        }

        // The full name, "First Last" without middle names, "Last, First" (with the comma): any case, any spacing.
        foreach (var (sequence, reversed) in FullNameSequences(tokens))
        {
            // Middle initials may sit between the parts ("Adam J. Erickson").
            var join = reversed ? @"\s*,\s*" : @"(?:[\s,]+[a-z]\.)*[\s,]+";
            var pattern = @"(?<![\p{L}\p{N}])" + Regex.Escape(sequence[0]) + join + string.Join(@"[\s,]+", sequence.Skip(1).Select(Regex.Escape)) + @"(?![\p{L}\p{N}])";
            if (sequence.Length == 1)
            {
                pattern = @"(?<![\p{L}\p{N}])" + Regex.Escape(sequence[0]) + @"(?![\p{L}\p{N}])";
            }

            text = ReplaceOutsideAddresses(text, new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout), ref removed, requireStandalone: true);
        }

        foreach (var part in parts)
        {
            if (!NameLexicon.Ambiguous.Contains(part))
            {
                text = ReplaceStandalonePart(text, part, ref removed);
            }
        }

        count += removed;
        return text;
    }

    private static IEnumerable<(string[] Sequence, bool Reversed)> FullNameSequences(string[] tokens)
    {
        var significant = tokens.Where(t => !NameLexicon.Particles.Contains(t)).ToArray();
        if (tokens.Length >= 2)
        {
            yield return (tokens, false);
        }

        if (significant.Length > 2)
        {
            yield return ([significant[0], significant[^1]], false);
        }

        if (tokens.Length >= 2)
        {
            yield return ([tokens[^1], .. tokens[..^1]], true);
        }

        if (significant.Length >= 2)
        {
            if (significant.Length > 2)
            {
                yield return ([significant[^1], significant[0]], true);
            }
        }
        else if (tokens.Length == 1 && tokens[0].Length >= 2)
        {
            yield return (tokens, false);
        }
    }

    /// <summary>
    /// Replaces matches that are not inside an e-mail address or URL (those go whole to the redactor) and, with
    /// <paramref name="requireStandalone"/>, not part of a longer proper noun ("J.P. Morgan Chase &amp; Co" for "Morgan Chase").
    /// </summary>
    private static string ReplaceOutsideAddresses(string text, Regex regex, ref int removed, bool requireStandalone)
    {
        var spans = AddressSpans(text);
        var local = 0;
        var result = regex.Replace(text, m =>
        {
            if (Inside(spans, m.Index) || (requireStandalone && !NeighboursFree(text, m.Index, m.Index + m.Length)))
            {
                return m.Value;
            }

            local++;
            return Placeholder;
        });
        removed += local;
        return result;
    }

    /// <summary>One part on its own, where it stands as a proper noun (see the type's summary).</summary>
    private static string ReplaceStandalonePart(string text, string part, ref int removed)
    {
        StringBuilder? builder = null;
        List<(int Start, int End)>? spans = null;
        var copied = 0;
        var at = text.IndexOf(part, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var end = at + part.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end]))
                && char.IsUpper(text[at]) && StandsAlone(text, at, end))
            {
                spans ??= AddressSpans(text);
                if (!Inside(spans, at))
                {
                    builder ??= new StringBuilder(text.Length);
                    builder.Append(text, copied, at - copied).Append(Placeholder);
                    copied = end;
                    removed++;
                }
            }

            at = end >= text.Length ? -1 : text.IndexOf(part, end, StringComparison.OrdinalIgnoreCase);
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>Not part of a longer proper noun, a date or an organisation: the neighbouring words on the same line, and no year on the line.</summary>
    private static bool StandsAlone(string text, int start, int end) => NeighboursFree(text, start, end) && !LineHasYear(text, start);

    private static bool NeighboursFree(string text, int start, int end)
    {
        var (before, beforeBefore) = PreviousWords(text, start);
        var (after, afterAfter) = NextWords(text, end);
        if (Binds(before) || Binds(after))
        {
            return false;
        }

        // An employment or education line ("Google, Mountain View, CA - January 2016 - Present") names organisations and places: see LineHasYear.
        return !(IsJoiner(before) && Binds(beforeBefore) || IsJoiner(after) && Binds(afterAfter));

        static bool Binds(string word) => word.Length > 0 && (char.IsUpper(word[0]) || char.IsDigit(word[0]) || word == "&" || word == Placeholder);

        static bool IsJoiner(string word) => word is "&" or "of" or "and" or "de" or "del" or "la" or "von" or "van" or "y" or "du" or "da";
    }

    private static bool LineHasYear(string text, int index)
    {
        var lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        var lineEnd = text.IndexOf('\n', index);
        return YearLike().IsMatch(text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart));
    }

    private static (string Word, string Before) PreviousWords(string text, int start)
    {
        var first = PreviousWord(text, start, out var firstStart);
        var second = first.Length == 0 ? string.Empty : PreviousWord(text, firstStart, out _);
        return (first, second);
    }

    private static string PreviousWord(string text, int start, out int wordStart)
    {
        var k = start - 1;
        while (k >= 0 && text[k] is ' ' or '\t')
        {
            k--;
        }

        wordStart = k + 1;
        if (k < 0 || text[k] == '\n')
        {
            return string.Empty;
        }

        // "Seattle, Washington": before a comma, a capitalised word still binds.
        var comma = text[k] == ',';
        if (comma)
        {
            k--;
            while (k >= 0 && text[k] is ' ' or '\t')
            {
                k--;
            }

            if (k < 0 || !char.IsLetterOrDigit(text[k]))
            {
                return string.Empty;
            }
        }

        if (text[k] == '&')
        {
            wordStart = k;
            return "&";
        }

        if (text[k] == ']' && k >= Placeholder.Length - 1 && text.AsSpan(k - Placeholder.Length + 1, Placeholder.Length).SequenceEqual(Placeholder))
        {
            wordStart = k - Placeholder.Length + 1;
            return Placeholder;
        }

        var wordEnd = k + 1;
        while (k >= 0 && char.IsLetterOrDigit(text[k]))
        {
            k--;
        }

        wordStart = k + 1;
        var word = text[wordStart..wordEnd];
        return comma && (word.Length == 0 || char.IsLower(word[0])) ? string.Empty : word;
    }

    private static (string Word, string After) NextWords(string text, int end)
    {
        var first = NextWord(text, end, out var firstEnd);
        var second = first.Length == 0 ? string.Empty : NextWord(text, firstEnd, out _);
        return (first, second);
    }

    private static string NextWord(string text, int end, out int wordEnd)
    {
        var k = end;

        // "Macy's Inc": a possessive binds to what follows it like the word itself.
        if (k + 1 < text.Length && text[k] is '\'' or '’' && text[k + 1] is 's' or 'S' && (k + 2 == text.Length || !char.IsLetterOrDigit(text[k + 2])))
        {
            k += 2;
        }

        // "Redmond, Washington", "Google, Mountain View": after a comma, a capitalised word still binds.
        if (k < text.Length && text[k] == ',')
        {
            k++;
        }

        while (k < text.Length && text[k] is ' ' or '\t')
        {
            k++;
        }

        wordEnd = k;
        if (k >= text.Length || text[k] == '\n')
        {
            return string.Empty;
        }

        if (text[k] == '&')
        {
            wordEnd = k + 1;
            return "&";
        }

        var wordStart = k;
        while (k < text.Length && char.IsLetterOrDigit(text[k]))
        {
            k++;
        }

        wordEnd = k;
        var word = text[wordStart..wordEnd];
        return word.Length > 0 && char.IsLower(word[0]) && text.AsSpan(end, wordStart - end).Contains(',') ? string.Empty : word;
    }

    /// <summary>URLs and handles (not e-mails, not known profile hosts: the redactor takes those whole) containing a part of the name.</summary>
    private static string ReplaceUrlsWithName(string text, string[] tokens, ref int removed)
    {
        if (!text.Contains('/', StringComparison.Ordinal) && !text.Contains("www.", StringComparison.OrdinalIgnoreCase) && !text.Contains('@', StringComparison.Ordinal))
        {
            return text;
        }

        var significant = tokens.Where(t => !NameLexicon.Particles.Contains(t)).ToArray();
        var parts = NameParts(string.Join(' ', tokens)).Where(p => p.Length >= 3)
            .Concat(tokens.Length >= 2 ? [string.Concat(tokens), string.Concat(significant), tokens[^1] + tokens[0], tokens[0][..1] + tokens[^1]] : [])
            .Where(p => p.Length >= 3)
            .ToArray();
        var local = 0;
        var result = UrlOrHandle().Replace(text, m =>
        {
            var value = m.Value;
            if (EmailLike().IsMatch(value) || KnownProfileHosts.Any(h => value.Contains(h, StringComparison.OrdinalIgnoreCase))
                || !parts.Any(p => value.Contains(p, StringComparison.OrdinalIgnoreCase)))
            {
                return value;
            }

            local++;
            return UrlPlaceholder;
        });
        removed += local;
        return result;
    }

    private static List<(int Start, int End)> AddressSpans(string text)
    {
        var spans = new List<(int, int)>();
        if (text.Contains('@', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase))
        {
            foreach (Match m in UrlOrHandle().Matches(text))
            {
                spans.Add((m.Index, m.Index + m.Length));
            }
        }

        return spans;
    }

    private static bool Inside(List<(int Start, int End)> spans, int index)
    {
        foreach (var (start, end) in spans)
        {
            if (index >= start && index < end)
            {
                return true;
            }
        }

        return false;
    }

    // A name: capitalised words (initials, hyphens, apostrophes allowed) with particles between them, 1-6 words.
    private const string NameWords = @"\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+(?:(?:de|del|della|di|da|das|dos|du|la|le|van|von|der|den|ter|ten|bin|al|el|y|e)[ \t]+)*\p{Lu}[\p{L}\p{M}'’.-]*){0,5}";

    [GeneratedRegex(@"^" + NameWords + @"$", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex NameLike();

    [GeneratedRegex(@"(?m)^[ \t>*_#•|\[-]*(?:(?:\d+|[IVXivx]+)\.[ \t]*)?[*_ \t]*(?:(?i:full[ \t]+name|legal[ \t]+name|preferred[ \t]+name|candidate(?:[ \t]+name)?|applicant(?:[ \t]+name)?|employee[ \t]+name|name|nom(?:[ \t]+complet)?|nombre(?:[ \t]+completo)?|nome(?:[ \t]+completo)?|vollständiger[ \t]+name)|(?<contact>(?i:contact)))[ \t]*[*_\]]*[ \t]*[:：][ \t*_]*(?<v>" + NameWords + ")", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex LabelledName();

    [GeneratedRegex(@"(?mi)^[ \t*_]*(?:sincerely(?:[ \t]+yours)?|yours[ \t]+(?:truly|sincerely|faithfully)|(?:best|kind|warm|warmest)[ \t]+regards|regards|best[ \t]+wishes|respectfully(?:[ \t]+yours)?|thank[ \t]+you|thanks|cordialement|bien[ \t]+à[ \t]+vous|mit[ \t]+freundlichen[ \t]+grüßen|viele[ \t]+grüße|atentamente|saludos(?:[ \t]+cordiales)?|atenciosamente|cumprimentos)[ \t]*[,.!]?[ \t*_]*(?:\r?\n[ \t]*)*[ \t*_]*(?-i:(?<v>" + NameWords + @"))[ \t*_]*$", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex SignatureName();

    [GeneratedRegex(@"(?i:\bmy[ \t]+name[ \t]+is|\bje[ \t]+m'appelle|\bich[ \t]+heiße|\bme[ \t]+llamo|\bmi[ \t]+nombre[ \t]+es|\bmeu[ \t]+nome[ \t]+é|\bchamo-me)[ \t]+(?<v>" + NameWords + ")", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex SelfIntroduction();

    [GeneratedRegex(@"\b(?:19|20)\d\d\b", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex YearLike();

    [GeneratedRegex(@"^(?:\d+|[IVXivx]+)\.\s*", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex Enumeration();

    [GeneratedRegex(@"[\p{L}\p{M}'’.-]+", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex Words();

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>()\[\]]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|io|dev|me|co|edu|info|page|site|app|xyz|uk|de|fr|es|it|nl|ca|au|in|br|mx)/[^\s<>()\[\]]*|(?<![\w@])@[A-Za-z0-9_.]{2,}", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex UrlOrHandle();

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex EmailLike();
}
