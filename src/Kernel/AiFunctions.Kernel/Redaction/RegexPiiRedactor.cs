using System.Buffers;
using System.Text.RegularExpressions;

namespace AiFunctions.Kernel.Redaction;

/// <summary>
/// Regex-based <see cref="IPiiRedactor"/>. Replaces emails, social/professional profile URLs, national ids (US SSN,
/// UK NINO, labelled ids such as "Passport No: …"), dates of birth (after DOB / date of birth / born), phone numbers
/// (national and international forms, with or without separators, checked with libphonenumber: <see cref="PhoneNumberFinder"/>), street addresses (number + street type, labelled "Address: …" lines, UK
/// postcodes, German street names) and names (the caller's known names and their parts, and names after labels such
/// as "Name:" or "Candidate:", wherever they occur again). The same value always gets the same placeholder.
/// Pattern-based: it finds what the patterns describe, not every possible form of personal data.
/// </summary>
public sealed partial class RegexPiiRedactor(RedactionOptions? settings = null) : IPiiRedactor
{
    private readonly RedactionOptions _settings = settings ?? new RedactionOptions();
    private readonly PhoneNumberFinder _phones = new(settings?.PhoneRegions ?? RedactionOptions.DefaultPhoneRegions);

    public RedactionResult Redact(string text, IEnumerable<string>? knownNames = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var map = new Map();
        if (text.Length == 0)
        {
            return new RedactionResult(text, map.Placeholders);
        }

        var names = t_names;
        t_names = null;
        names?.Clear();
        if (_settings.Names)
        {
            if (knownNames is not null)
            {
                foreach (var name in knownNames)
                {
                    AddName(ref names, name);
                }
            }

            if (text.Contains(':', StringComparison.Ordinal))
            {
                // The value is what follows the label's colon and blanks up to the end of the match (group "v"),
                // read from the allocation-free match enumerator.
                foreach (var m in LabelledName().EnumerateMatches(text))
                {
                    var match = text.AsSpan(m.Index, m.Length);
                    var value = match[(match.IndexOf(':') + 1)..].TrimStart(" \t");
                    AddName(ref names, value.ToString());
                }
            }
        }

        // One pass over the original text: each detector adds the spans it finds (in the order below, which is also
        // the order placeholders are numbered in), a span overlapping an earlier one is left to the earlier one, and
        // the output is built once at the end. Cheap pre-checks (a literal every match contains, or the least number
        // of digits a match has) keep clean text from running a pattern at all.
        var hits = new Hits(text, map);
        var digits = CountDigits(text);
        // Both UK patterns (NINO, postcode) need an ASCII capital before a digit: looked for once. The id labels and
        // street words of the pattern pre-checks below: looked for in one pass over the words.
        var capitalBeforeDigit = digits >= 2 && (_settings.NationalIds || _settings.Addresses) && HasCapitalBeforeDigit(text);
        var words = digits >= 1 ? FindWords(text, (_settings.NationalIds ? Words.IdLabel : Words.None) | (_settings.Addresses ? Words.StreetWord : Words.None)) : Words.None;
        if (_settings.Emails && text.Contains('@', StringComparison.Ordinal))
        {
            FindEmails(text, hits);
        }

        if (_settings.Emails && ContainsAny(text, ObfuscatedAt))
        {
            // "jane(at)example(dot)com", "jane [at] example [dot] com", "jane . doe @ example . com".
            hits.AddMatches(ObfuscatedEmail(), "EMAIL", labelled: false);
        }

        if (_settings.ProfileUrls && MayContainProfileUrl(text))
        {
            hits.AddMatches(ProfileUrl(), "PROFILE_URL", labelled: false);
        }

        if (_settings.NationalIds && digits >= 1)
        {
            if (digits >= 9 && HasDigitDashDigit(text))
            {
                hits.AddMatches(UsSsn(), "NATIONAL_ID", labelled: false);
            }

            if (digits >= 6 && capitalBeforeDigit)
            {
                hits.AddMatches(UkNino(), "NATIONAL_ID", labelled: false);
            }

            if ((words & Words.IdLabel) != 0)
            {
                hits.AddMatches(LabelledId(), "NATIONAL_ID", labelled: true);
            }
        }

        if (_settings.DatesOfBirth && digits >= 4 && ContainsAny(text, BirthLabels))
        {
            hits.AddMatches(DateOfBirth(), "DOB", labelled: true);
        }

        if (_settings.Phones && digits >= 7)
        {
            // libphonenumber-checked candidates (PhoneNumberFinder), as spans of the one pass.
            // Digits of any script (fullwidth "０７７００ ９００１２３", Arabic-Indic, Devanagari, …) are read as their
            // ASCII values in a same-length view, so the spans found there are the spans of the text.
            var phoneText = PhoneNumberFinder.FoldDigits(text);
            var from = 0;
            while (_phones.TryFindNext(phoneText, ref from, out var start, out var end))
            {
                hits.Add(start, end - start, "PHONE");
            }
        }

        if (_settings.Addresses)
        {
            if (ContainsAny(text, AddressLabels))
            {
                hits.AddMatches(LabelledAddress(), "ADDRESS", labelled: true);
            }

            if (digits >= 1 && MayContainStreetAddress(text, words))
            {
                hits.AddMatches(StreetAddress(), "ADDRESS", labelled: false);
            }

            if (digits >= 1 && ContainsAny(text, GermanStreetSuffixes))
            {
                hits.AddMatches(GermanStreet(), "ADDRESS", labelled: false);
            }

            if (capitalBeforeDigit)
            {
                hits.AddMatches(UkPostcode(), "ADDRESS", labelled: false);
            }
        }

        if (names is { Count: > 0 })
        {
            // Longest first, so "Jane Doe" becomes one placeholder before "Jane" and "Doe" are looked for on their own.
            names.Sort(static (a, b) => b.Length.CompareTo(a.Length));
            foreach (var name in names)
            {
                FindWord(text, name, hits);
            }
        }

        var redacted = hits.Apply();
        hits.Return();
        if (names is not null)
        {
            names.Clear();
            t_names = names;
        }

        return new RedactionResult(redacted, map.Placeholders);
    }

    /// <summary>The names list, reused per thread (Redact is synchronous and calls nothing that could re-enter it).</summary>
    [ThreadStatic]
    private static List<string>? t_names;

    // Literal pre-checks, each searched for in one vectorised pass (SearchValues) instead of one IndexOf per literal.
    private static readonly SearchValues<string> ObfuscatedAt = Literals("(at)", "[at]", "{at}", "<at>", "( at )", "[ at ]", " @ ", " @", "@ ");
    private static readonly SearchValues<string> AddressLabels = Literals("address", "anschrift", "adresse");
    private static readonly SearchValues<string> GermanStreetSuffixes = Literals("straße", "strasse", "str.", "weg", "platz", "gasse", "allee", "ring");

    /// <summary>Every alternative of the date-of-birth label contains one of these (DOB, D.O.B., date of birth, birth date, birthday, born, geboren).</summary>
    private static readonly SearchValues<string> BirthLabels = Literals("dob", "d.o.b", "birth", "born", "geboren");

    private static SearchValues<string> Literals(params string[] literals) => SearchValues.Create(literals, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the text contains one of the literals (ordinal, ignoring case).</summary>
    private static bool ContainsAny(string text, SearchValues<string> literals) => text.AsSpan().ContainsAny(literals);

    private static bool ContainsName(List<string> names, ReadOnlySpan<char> name)
    {
        foreach (var existing in names)
        {
            if (name.Equals(existing, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddName(ref List<string>? names, string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length < 2 || (names is not null && names.Contains(trimmed, StringComparer.OrdinalIgnoreCase)))
        {
            return;
        }

        names ??= [];
        names.Add(trimmed);
        // Each part of three letters or more on its own ("Jane Doe" → "Jane", "Doe"), without allocating the split.
        var rest = trimmed.AsSpan();
        while (!rest.IsEmpty)
        {
            var gap = rest.IndexOfAny(' ', '\t');
            var part = gap < 0 ? rest : rest[..gap];
            rest = gap < 0 ? [] : rest[(gap + 1)..];
            if (part.Length >= 3 && !ContainsName(names, part))
            {
                names.Add(part.ToString());
            }
        }
    }

    /// <summary>
    /// Finds whole-word, case-insensitive occurrences of a name (no Regex built per call: names differ per call).
    /// The original spelling of each occurrence is kept for restoring.
    /// </summary>
    private static void FindWord(string text, string word, Hits hits)
    {
        var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var end = at + word.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end])))
            {
                hits.Add(at, word.Length, "NAME", text.AsSpan(at, word.Length).SequenceEqual(word) ? word : null);
            }

            at = end >= text.Length ? -1 : text.IndexOf(word, end, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Emails, found from each '@' outwards (a regex starting with a character-class loop tries every position of the
    /// text; this was the redactor's most expensive pattern): local part of letters (any script), digits and ._%+-,
    /// domain with a dot and a top-level part of at least two letters.
    /// </summary>
    private static void FindEmails(string text, Hits hits)
    {
        var copied = 0;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        while (at >= 0)
        {
            var start = at;
            while (start > copied && IsLocalChar(text[start - 1]))
            {
                start--;
            }

            var end = at + 1;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '.' or '-'))
            {
                end++;
            }

            while (end > at + 1 && text[end - 1] is '.' or '-')
            {
                end--;
            }

            var domain = text.AsSpan(at + 1, end - at - 1);
            var lastDot = domain.LastIndexOf('.');
            var valid = start < at && lastDot > 0 && domain.Length - lastDot - 1 >= 2 && AllLetters(domain[(lastDot + 1)..]);
            if (valid)
            {
                hits.Add(start, end - start, "EMAIL");
                copied = end;
            }

            at = text.IndexOf('@', Math.Max(at + 1, end));
        }

        // Internationalised addresses (RFC 6531/6532): letters of any script in the local part and the domain.
        static bool IsLocalChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

        static bool AllLetters(ReadOnlySpan<char> span)
        {
            foreach (var c in span)
            {
                if (!char.IsLetter(c))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    [GeneratedRegex(@"(?:https?://)?(?:[a-z]{2,3}\.|www\.)?(?:(?:linkedin\.com/(?:in|pub)|github\.com|twitter\.com|x\.com|facebook\.com|instagram\.com|xing\.com/profile|gitlab\.com|bitbucket\.org|behance\.net|dribbble\.com|medium\.com/@|stackoverflow\.com/users|t\.me|wa\.me|about\.me|kaggle\.com|leetcode\.com|codepen\.io|huggingface\.co|youtube\.com/@|tiktok\.com/@|bsky\.app/profile|threads\.net/@)/?[A-Za-z0-9_.%@-]*[A-Za-z0-9_%-](?:/[A-Za-z0-9_.%-]*[A-Za-z0-9_%-])*/?|[A-Za-z0-9-]+\.(?:github\.io|substack\.com)(?:/[^\s<>()\[\]]*)?)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProfileUrl();

    // An address written to dodge e-mail scrapers: "(at)"/"[at]" or a spaced "@", "(dot)"/"[dot]" or a spaced ".".
    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}_%+-]+(?:\s*\.\s*[\p{L}\p{N}_%+-]+)*\s*(?:[\[(<{]\s*at\s*[\])>}]|@)\s*[\p{L}\p{N}-]+(?:\s*(?:[\[(<{]\s*dot\s*[\])>}]|\.)\s*[\p{L}\p{N}-]+)*\s*(?:[\[(<{]\s*dot\s*[\])>}]|\.)\s*\p{L}{2,}(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 2000)]
    private static partial Regex ObfuscatedEmail();

    // The dashes: '-' and the Unicode ones word processors write (U+2010-U+2015, minus sign, fullwidth hyphen-minus).
    [GeneratedRegex(@"\b(?!000|666|9\d\d)\d{3}[-\u2010-\u2015\u2212\uFF0D](?!00)\d{2}[-\u2010-\u2015\u2212\uFF0D](?!0000)\d{4}\b", RegexOptions.CultureInvariant)]
    internal static partial Regex UsSsn();

    [GeneratedRegex(@"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", RegexOptions.CultureInvariant)]
    internal static partial Regex UkNino();

    [GeneratedRegex(@"\b(?i:national\s+(?:id|identity|insurance)(?:\s+(?:no|number))?|id\s+(?:no|number)|passport(?:\s+(?:no|number))?|social\s+security(?:\s+(?:no|number))?|ssn|tax\s+id|personal\s+id(?:\s+number)?|personalausweis(?:nummer)?)\.?\s*[:#]?\s*(?<v>(?=[A-Z]{0,3}\d)[A-Z0-9]+(?:[ -][A-Z0-9]{2,}){0,4})\b", RegexOptions.CultureInvariant)]
    internal static partial Regex LabelledId();

    [GeneratedRegex(@"\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?|geboren(?:\s+am)?)\s*[:\-]?\s*(?<v>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateOfBirth();

    [GeneratedRegex(@"(?im)\b(?:address|home\s+address|street\s+address|anschrift|adresse)\s*:\s*(?<v>[^\r\n]{3,120})", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledAddress();

    // Number + street name + street type ("123 Main Street", "4821 Oak Hollow Trail", "42 elm street" in lower case too
    // when the type is written out), with an apartment; a PO box; Romance-language streets with the number before or
    // after ("12 rue de la Paix", "Calle Mayor 5", "Rua Augusta 100"); a US state + ZIP ("IL 62704"); ", 75002 Paris".
    [GeneratedRegex(@"\b\d{1,5}[A-Za-z]?\s+(?:(?:[A-Z][A-Za-z'.-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close|Square|Sq|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Circle|Cir|Loop|Row|Crescent|Cres|Pike|Heights|Hts|Ridge|Cove|Grove|Mews|Gardens|Crossing|Plaza|Alley)|(?:[A-Za-z][A-Za-z'.-]*\s+){1,4}(?i:street|avenue|road|boulevard|lane|drive|court|terrace|parkway|highway|trail|circle|crescent|heights|gardens|crossing|alley))\b\.?(?:,?\s+(?:Apt|Apartment|Suite|Unit|Flat)\.?\s*#?\w+)?|\b(?i:p\.?\s?o\.?\s+box|postfach|apartado(?:\s+postal)?|caixa\s+postal|bo[iî]te\s+postale)\s+\d{1,6}\b|\b\d{1,5}(?:\s?(?:bis|ter|[a-z]))?,?\s+(?i:rue|boulevard|chemin|impasse|all[ée]e|quai|calle|avenida|paseo|rua|travessa)\s+[\p{L}'’ -]{2,40}?(?=[,\n]|$)|\b(?:Calle|Avenida|Paseo|Carrer|Rua|Travessa|Via|Viale|Piazza|Corso|Rue)\s+\p{Lu}[\p{L}'’.-]*(?:\s+[\p{L}'’.-]+){0,4}?\s+\d{1,5}[a-z]?\b|\b(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])\s+\d{5}(?:-\d{4})?\b|(?<=,\s?)(?!(?:19|20)\d\d\b)\d{4,5}\s+\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?", RegexOptions.CultureInvariant)]
    internal static partial Regex StreetAddress();

    [GeneratedRegex(@"\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|str\.|weg|platz|gasse|allee|ring)\s+\d{1,4}[a-z]?\b", RegexOptions.CultureInvariant)]
    private static partial Regex GermanStreet();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}\b", RegexOptions.CultureInvariant)]
    internal static partial Regex UkPostcode();

    [GeneratedRegex(@"(?m)\b(?i:name|full\s+name|candidate(?:\s+name)?|applicant(?:\s+name)?|employee(?:\s+name)?|contact)\s*:[ \t]*(?<v>\p{Lu}[\p{L}'-]+(?:[ \t]+\p{Lu}[\p{L}'-]+){0,3})", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledName();

    /// <summary>
    /// The spans found in one text, in the order found, each with its placeholder (numbered in that order). A span
    /// that overlaps one found earlier is dropped, unless it wholly contains earlier spans (a labelled address line
    /// holding a phone number): it then replaces them, so nothing inside it is left unredacted.
    /// </summary>
    private readonly struct Hits(string text, Map map)
    {
        /// <summary>One list per thread, reused: Redact is synchronous and calls nothing that could re-enter it.</summary>
        [ThreadStatic]
        private static List<(int Start, int Length, string Placeholder)>? t_spans;

        private readonly List<(int Start, int Length, string Placeholder)> _spans = Rent();

        private static List<(int Start, int Length, string Placeholder)> Rent()
        {
            var spans = t_spans ?? [];
            t_spans = null;
            spans.Clear();
            return spans;
        }

        /// <summary>Hands the list back for the thread's next call (after <see cref="Apply"/>).</summary>
        public void Return()
        {
            _spans.Clear();
            t_spans = _spans;
        }

        /// <param name="original">The text at the span when the caller already holds it as a string (a known name), else null.</param>
        public void Add(int start, int length, string kind, string? original = null)
        {
            var end = start + length;
            var contained = 0;
            foreach (var (s, l, _) in _spans)
            {
                if (start < s + l && s < end)
                {
                    if (s >= start && s + l <= end)
                    {
                        contained++;
                        continue;
                    }

                    return;
                }
            }

            if (contained > 0)
            {
                // No lambda here: a captured start/end would allocate a closure on every Add.
                for (var i = _spans.Count - 1; i >= 0; i--)
                {
                    if (_spans[i].Start >= start && _spans[i].Start + _spans[i].Length <= end)
                    {
                        _spans.RemoveAt(i);
                    }
                }
            }

            _spans.Add((start, length, map.PlaceholderFor(kind, original ?? text.Substring(start, length))));
        }

        /// <summary>Adds every match (its group "v" for labelled patterns: the label stays); clean text allocates nothing.</summary>
        public void AddMatches(Regex regex, string kind, bool labelled)
        {
            if (!labelled)
            {
                foreach (var match in regex.EnumerateMatches(text))
                {
                    Add(match.Index, match.Length, kind);
                }

                return;
            }

            if (!regex.EnumerateMatches(text).MoveNext())
            {
                return;
            }

            for (var m = regex.Match(text); m.Success; m = m.NextMatch())
            {
                var value = m.Groups["v"];
                if (value.Success)
                {
                    Add(value.Index, value.Length, kind);
                }
                else
                {
                    Add(m.Index, m.Length, kind);
                }
            }
        }

        /// <summary>The text with every span replaced by its placeholder, built once.</summary>
        public string Apply()
        {
            if (_spans.Count == 0)
            {
                return text;
            }

            _spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
            var length = text.Length;
            foreach (var (_, l, p) in _spans)
            {
                length += p.Length - l;
            }

            return string.Create(length, (text, _spans), static (destination, state) =>
            {
                var copied = 0;
                var written = 0;
                foreach (var (start, l, placeholder) in state._spans)
                {
                    state.text.AsSpan(copied, start - copied).CopyTo(destination[written..]);
                    written += start - copied;
                    placeholder.AsSpan().CopyTo(destination[written..]);
                    written += placeholder.Length;
                    copied = start + l;
                }

                state.text.AsSpan(copied).CopyTo(destination[written..]);
            });
        }
    }

    /// <summary>
    /// The placeholders of one call (placeholder → original). Created with the first placeholder, so clean text
    /// allocates nothing; an original seen before gets its placeholder again (a linear search: a prompt holds tens
    /// of values at most).
    /// </summary>
    private sealed class Map
    {
        private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();
        private Dictionary<string, string>? _placeholders;

        public IReadOnlyDictionary<string, string> Placeholders => _placeholders ?? None;

        public string PlaceholderFor(string kind, string original)
        {
            var n = 1;
            if (_placeholders is not null)
            {
                foreach (var (placeholder, value) in _placeholders)
                {
                    if (string.Equals(value, original, StringComparison.Ordinal))
                    {
                        return placeholder;
                    }

                    // "[KIND_n]": count this kind's placeholders so far to number the next one.
                    if (placeholder.Length > kind.Length + 2 && placeholder[kind.Length + 1] == '_' && placeholder.AsSpan(1, kind.Length).SequenceEqual(kind))
                    {
                        n++;
                    }
                }
            }

            _placeholders ??= new(StringComparer.Ordinal);
            var created = $"[{kind}_{n}]";
            _placeholders[created] = original;
            return created;
        }
    }
}
