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
internal static partial class CandidateNameBlinder
{
    public const string Placeholder = "[CANDIDATE]";

    /// <summary>What replaces a URL or handle (not on a known profile host) that contains a part of the name.</summary>
    public const string UrlPlaceholder = "[PROFILE_URL]";

    private const int HeadingLines = 8;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    // The redactor's profile hosts: their URLs go whole to the redactor (numbered placeholders, the same with and without the name).
    private static readonly IReadOnlyList<string> KnownProfileHosts = AiFunctions.Kernel.Redaction.RegexPiiRedactor.ProfileHosts;

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
        (displayName ?? string.Empty).Normalize(NormalizationForm.FormKC).Split([' ', '\t', ',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
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

            // "Erickson, Adam": the heading written last name first is one name, not a name and a place.
            var whole = content.Trim(" \t*_");
            var comma = whole.IndexOf(',');
            if (comma > 0 && whole[(comma + 1)..].IndexOf(',') < 0 && IsNameLike(whole[..comma].Trim(), minWords: 1) && IsNameLike(whole[(comma + 1)..].Trim(" \t*_"), minWords: 1)
                && !AnyHeadingWord(whole) && !Credential(whole[..comma], whole[(comma + 1)..]))
            {
                var at = lineStart + text.AsSpan(lineStart, lineEnd - lineStart).IndexOf(whole, StringComparison.Ordinal);
                removed++;
                return string.Concat(text.AsSpan(0, at), Placeholder, text.AsSpan(at + whole.Length));
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

    /// <summary>"Adam Erickson, MBA", "Erickson, Ph.D.": what follows the comma is a credential (upper case where the name is not, or a degree).</summary>
    private static bool Credential(ReadOnlySpan<char> name, ReadOnlySpan<char> after)
    {
        var tail = after.Trim(" \t*_").ToString();
        var upper = tail.Where(char.IsLetter).All(char.IsUpper) && !name.ToString().Where(char.IsLetter).All(char.IsUpper);
        return upper || CredentialWord().IsMatch(tail);
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
        // Matched on the folded view (FoldForMatch): "Jose Nunez" is "José Núñez", "ONeil" is "O'Neil".
        var parts = NameParts(string.Join(' ', tokens));
        var alternatives = string.Join('|', new[] { string.Join(@"\.?[ \t]+", tokens.Select(TokenPattern)) }.Concat(parts.Select(TokenPattern)).Where(a => a.Length > 0));
        if (parts.Count > 0)
        {
            var titled = new Regex(
                $@"(?<![\p{{L}}\p{{N}}])(?-i:{string.Join('|', NameLexicon.Titles)})\.?[ \t]+(?:{alternatives})(?![\p{{L}}\p{{N}}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                Timeout);
            text = ReplaceOutsideAddresses(text, titled, ref removed, fullName: false);
        }

        // The full name, "First Last" without middle names or particles, "Last, First" (with the comma), "F. Last": any
        // case, any spacing, with or without diacritics and apostrophes. The full name is a name wherever it stands; it is
        // kept only where it is glued to another proper noun ("J.P. Morgan Chase & Co" for a candidate named Morgan Chase).
        foreach (var (sequence, reversed) in FullNameSequences(tokens))
        {
            // Middle initials may sit between the parts ("Adam J. Erickson"); an initial may carry its period ("J. Smith").
            var join = reversed ? @"\.?\s*,\s*" : @"\.?(?:[\s,]+[a-z]\.)*[\s,]+";
            var pattern = @"(?<![\p{L}\p{N}])" + TokenPattern(sequence[0]) + join + string.Join(@"\.?[\s,]+", sequence.Skip(1).Select(TokenPattern)) + (sequence[^1].Length == 1 ? @"\.?" : string.Empty) + @"(?![\p{L}\p{N}])";
            if (sequence.Length == 1)
            {
                pattern = @"(?<![\p{L}\p{N}])" + TokenPattern(sequence[0]) + @"(?![\p{L}\p{N}])";
            }

            text = ReplaceOutsideAddresses(text, new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout), ref removed, fullName: sequence.Length > 1);
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

    /// <summary>
    /// The forms of the full name to remove: all tokens; first + last (middle names and particles left out, the edges
    /// kept even when they look like particles: "Nguyễn Văn An" → "Nguyễn An"); "Last, First …"; and the first
    /// initial + last ("A. Erickson", "Erickson, A.").
    /// </summary>
    private static IEnumerable<(string[] Sequence, bool Reversed)> FullNameSequences(string[] tokens)
    {
        if (tokens.Length == 1)
        {
            if (tokens[0].Length >= 2)
            {
                yield return (tokens, false);
            }

            yield break;
        }

        var significant = tokens.Where((t, i) => i == 0 || i == tokens.Length - 1 || !NameLexicon.Particles.Contains(t)).ToArray();
        yield return (tokens, false);

        // "Last, First": not when both are also words ("Python, Java" in a skills list is not the candidate Java Python).
        if (!tokens.All(t => NameLexicon.Ambiguous.Contains(t)))
        {
            yield return ([tokens[^1], .. tokens[..^1]], true);
        }

        if (tokens.Length > 2)
        {
            // "Le Rond, Jean-Baptiste", "de la Cruz, Maria": the surname with its particles first.
            yield return ([string.Join(' ', tokens[1..]), tokens[0]], true);
            if (significant.Length < tokens.Length)
            {
                yield return (significant, false);
            }

            yield return ([significant[0], significant[^1]], false);
            yield return ([significant[^1], significant[0]], true);
        }

        if (tokens[0].Length >= 2 && tokens[^1].Length >= 2)
        {
            // The initial with its period only: "Python, C++" is not "C. Python".
            yield return ([tokens[0][..1] + ".", tokens[^1]], false);
            yield return ([tokens[^1], tokens[0][..1] + "."], true);
        }
    }

    /// <summary>A name token as a pattern for the folded view: apostrophes optional ("O'Neil", "ONeil"), a hyphen also a space or nothing.</summary>
    private static string TokenPattern(string token)
    {
        var folded = FoldForMatch(token);
        var builder = new StringBuilder();
        foreach (var c in folded)
        {
            builder.Append(c switch
            {
                '\'' => "'?",
                '-' => @"[- ]?",
                ' ' => @"\s+",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// The view names are matched on, one character for one character (offsets are the text's): letters without their
    /// diacritics ("é" → "e", "Ł" → "L", "ø" → "o"), typographic apostrophes as "'", dashes as "-". Never shown or sent.
    /// </summary>
    internal static string FoldForMatch(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = FoldChar(source[i]);
        }
    });

    private static char FoldChar(char c)
    {
        if (c < 128)
        {
            return c;
        }

        switch (c)
        {
            case '’' or '‘' or 'ʼ' or '`' or '´' or 'ʻ':
                return '\'';
            case '‐' or '‑' or '–' or '—':
                return '-';
            case 'Ł':
                return 'L';
            case 'ł':
                return 'l';
            case 'Ø':
                return 'O';
            case 'ø':
                return 'o';
            case 'Đ':
                return 'D';
            case 'đ':
                return 'd';
            case 'ı':
                return 'i';
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 1 && decomposed[0] < 128 && char.IsLetter(decomposed[0]) ? decomposed[0] : c;
    }

    /// <summary>
    /// Replaces matches (found on the folded view, <see cref="FoldForMatch"/>) that are not inside an e-mail address or
    /// URL (those go whole to the redactor) and, for a <paramref name="fullName"/>, not glued to another proper noun
    /// (<see cref="GluedToProperNoun"/>: "J.P. Morgan Chase &amp; Co" for "Morgan Chase").
    /// </summary>
    private static string ReplaceOutsideAddresses(string text, Regex regex, ref int removed, bool fullName)
    {
        var view = FoldForMatch(text);
        List<(int Start, int End)>? spans = null;
        StringBuilder? builder = null;
        var copied = 0;
        foreach (Match m in regex.Matches(view))
        {
            spans ??= AddressSpans(text);
            if (m.Index < copied || Inside(spans, m.Index) || (fullName && GluedToProperNoun(text, m.Index, m.Index + m.Length)))
            {
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text, copied, m.Index - copied).Append(Placeholder);
            copied = m.Index + m.Length;
            removed++;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Whether the full name at [start, end) is part of a longer proper noun: the word right before or after it on the
    /// same line (spaces only between) is capitalised and is neither a section/job-title word nor a title, or is "&amp;".
    /// "Resume of Adam Erickson", "Candidate Adam Erickson", "Adam Erickson, MBA" and "Dear Adam Erickson" are the name.
    /// </summary>
    private static bool GluedToProperNoun(string text, int start, int end)
    {
        var k = start - 1;
        while (k >= 0 && text[k] is ' ' or '\t')
        {
            k--;
        }

        if (k >= 0 && text[k] != '\n')
        {
            if (k >= 0 && text[k] == '&')
            {
                return true;
            }

            var wordEnd = k + 1;
            while (k >= 0 && (char.IsLetterOrDigit(text[k]) || text[k] == '.'))
            {
                k--;
            }

            if (Glues(text[(k + 1)..wordEnd]))
            {
                return true;
            }
        }

        var j = end;
        while (j < text.Length && text[j] is ' ' or '\t')
        {
            j++;
        }

        if (j < text.Length && text[j] == '&')
        {
            return true;
        }

        var nextStart = j;
        while (j < text.Length && char.IsLetterOrDigit(text[j]))
        {
            j++;
        }

        return nextStart > end && Glues(text[nextStart..j]);

        static bool Glues(string word)
        {
            var bare = word.TrimEnd('.');
            return bare.Length > 0 && char.IsUpper(bare[0]) && !NameLexicon.HeadingWords.Contains(bare) && !NameLexicon.Titles.Contains(bare, StringComparer.OrdinalIgnoreCase)
                && !NameLexicon.Greetings.Contains(bare);
        }
    }

    /// <summary>One part on its own, where it stands as a proper noun (see the type's summary); found on the folded view.</summary>
    private static string ReplaceStandalonePart(string text, string part, ref int removed)
    {
        StringBuilder? builder = null;
        List<(int Start, int End)>? spans = null;
        var view = FoldForMatch(text);
        var needle = FoldForMatch(part);
        var copied = 0;
        var at = view.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var end = at + needle.Length;
            if (!InsideWord(text, at, end) && char.IsUpper(text[at]) && StandsAlone(text, at, end))
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

            at = end >= text.Length ? -1 : view.IndexOf(needle, end, StringComparison.OrdinalIgnoreCase);
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Whether [start, end) is only a piece of a longer word: letters or digits next to it, or a hyphen or apostrophe
    /// joining it to letters ("Jean" in "Jean-Baptiste", "Neil" in "O'Neil"; a possessive "'s" does not count).
    /// </summary>
    private static bool InsideWord(string text, int start, int end)
    {
        if (start > 0 && (IsWordChar(text[start - 1]) || (IsJoinMark(text[start - 1]) && start > 1 && char.IsLetter(text[start - 2]))))
        {
            return true;
        }

        if (end < text.Length && IsWordChar(text[end]))
        {
            return true;
        }

        if (end + 1 < text.Length && IsJoinMark(text[end]) && char.IsLetter(text[end + 1]))
        {
            var possessive = text[end] is '\'' or '’' && text[end + 1] is 's' or 'S' && (end + 2 == text.Length || !char.IsLetterOrDigit(text[end + 2]));
            return !possessive;
        }

        return false;

        static bool IsJoinMark(char c) => c is '-' or '\'' or '’' or '‐' or '‑';
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
            .Select(AddressFold)
            .Where(p => p.Length >= 3)
            .ToArray();
        var local = 0;
        var result = UrlOrHandle().Replace(text, m =>
        {
            var value = m.Value;
            if (EmailLike().IsMatch(value) || KnownProfileHosts.Any(h => value.Contains(h, StringComparison.OrdinalIgnoreCase))
                || !parts.Any(p => AddressFold(value).Contains(p, StringComparison.Ordinal)))
            {
                return value;
            }

            local++;
            return UrlPlaceholder;
        });
        removed += local;
        return result;
    }

    /// <summary>How a name is written in an address: lower case, no diacritics, letters and digits only ("Núñez" → "nunez", "O'Neil" → "oneil").</summary>
    private static string AddressFold(string value) => new(FoldForMatch(value).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

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

    [GeneratedRegex(@"^(?:Ph\.?D|M\.?Sc|B\.?Sc|M\.?Eng|Esq|Jr|Sr|Dipl)\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 2000)]
    private static partial Regex CredentialWord();

    [GeneratedRegex(@"\b(?:19|20)\d\d\b", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex YearLike();

    [GeneratedRegex(@"^(?:\d+|[IVXivx]+)\.\s*", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex Enumeration();

    [GeneratedRegex(@"[\p{L}\p{M}'’.-]+", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex Words();

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>()\[\]]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|io|dev|me|co|edu|info|page|site|app|xyz|uk|de|fr|es|it|nl|ca|au|in|br|mx)/[^\s<>()\[\]]*|(?<![\w@])@[A-Za-z0-9_.-]{2,}", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex UrlOrHandle();

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex EmailLike();
}
