using System.Text;
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

        var names = new List<string>();
        if (_settings.Names)
        {
            if (knownNames is not null)
            {
                foreach (var name in knownNames)
                {
                    AddName(names, name);
                }
            }

            if (text.Contains(':', StringComparison.Ordinal))
            {
                foreach (Match m in LabelledName().Matches(text))
                {
                    AddName(names, m.Groups["v"].Value);
                }
            }
        }

        // Cheap literal pre-checks keep the common case (no such data in the text) from running each pattern.
        if (_settings.Emails && text.Contains('@', StringComparison.Ordinal))
        {
            text = ReplaceEmails(text, map);
        }

        if (_settings.ProfileUrls && ContainsAny(text, ProfileHosts))
        {
            text = Replace(ProfileUrl(), text, "PROFILE_URL", map);
        }

        if (_settings.NationalIds)
        {
            if (text.Contains('-', StringComparison.Ordinal))
            {
                text = Replace(UsSsn(), text, "NATIONAL_ID", map);
            }

            text = Replace(UkNino(), text, "NATIONAL_ID", map);
            text = Replace(LabelledId(), text, "NATIONAL_ID", map);
        }

        if (_settings.DatesOfBirth)
        {
            text = Replace(DateOfBirth(), text, "DOB", map);
        }

        if (_settings.Phones && CountDigits(text) >= 7)
        {
            text = _phones.Replace(text, number => map.PlaceholderFor("PHONE", number));
        }

        if (_settings.Addresses)
        {
            if (ContainsAny(text, AddressLabels))
            {
                text = Replace(LabelledAddress(), text, "ADDRESS", map);
            }

            text = Replace(StreetAddress(), text, "ADDRESS", map);
            if (ContainsAny(text, GermanStreetSuffixes))
            {
                text = Replace(GermanStreet(), text, "ADDRESS", map);
            }

            text = Replace(UkPostcode(), text, "ADDRESS", map);
        }

        // Longest first, so "Jane Doe" becomes one placeholder before "Jane" and "Doe" are looked for on their own.
        foreach (var name in names.OrderByDescending(n => n.Length))
        {
            text = ReplaceWord(text, name, map);
        }

        return new RedactionResult(text, map.Placeholders);
    }

    private static readonly string[] ProfileHosts = ["linkedin.com/", "github.com/", "twitter.com/", "x.com/", "facebook.com/", "instagram.com/", "xing.com/"];
    private static readonly string[] AddressLabels = ["address", "anschrift", "adresse"];
    private static readonly string[] GermanStreetSuffixes = ["straße", "strasse", "str.", "weg", "platz", "gasse", "allee", "ring"];

    private static bool ContainsAny(string text, string[] needles)
    {
        foreach (var needle in needles)
        {
            if (text.Contains(needle, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int CountDigits(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    private static void AddName(List<string> names, string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length < 2 || names.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        names.Add(trimmed);
        foreach (var part in trimmed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length >= 3 && !names.Contains(part, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(part);
            }
        }
    }

    /// <summary>
    /// Replaces whole-word, case-insensitive occurrences of a name (no Regex built per call: names differ per call).
    /// The original spelling of each occurrence is kept for restoring.
    /// </summary>
    private static string ReplaceWord(string text, string word, Map map)
    {
        StringBuilder? builder = null;
        var copied = 0;
        var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var end = at + word.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end])))
            {
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, at - copied).Append(map.PlaceholderFor("NAME", text.Substring(at, word.Length)));
                copied = end;
            }

            at = end >= text.Length ? -1 : text.IndexOf(word, end, StringComparison.OrdinalIgnoreCase);
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Emails, found from each '@' outwards (a regex starting with a character-class loop tries every position of the
    /// text; this was the redactor's most expensive pattern): local part [A-Za-z0-9._%+-]+, domain with a dot and a
    /// top-level part of at least two letters.
    /// </summary>
    private static string ReplaceEmails(string text, Map map)
    {
        StringBuilder? builder = null;
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
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '-'))
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
                builder ??= new StringBuilder(text.Length);
                builder.Append(text, copied, start - copied).Append(map.PlaceholderFor("EMAIL", text[start..end]));
                copied = end;
            }

            at = text.IndexOf('@', Math.Max(at + 1, end));
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();

        static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

        static bool AllLetters(ReadOnlySpan<char> span)
        {
            foreach (var c in span)
            {
                if (!char.IsAsciiLetter(c))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>Replaces the group "v" when the pattern has one (labelled values keep their label), else the match.</summary>
    private static string Replace(Regex regex, string text, string kind, Map map) =>
        regex.Replace(text, m =>
        {
            var value = m.Groups["v"];
            if (!value.Success)
            {
                return map.PlaceholderFor(kind, m.Value);
            }

            return string.Concat(m.Value.AsSpan(0, value.Index - m.Index), map.PlaceholderFor(kind, value.Value), m.Value.AsSpan(value.Index - m.Index + value.Length));
        });

    [GeneratedRegex(@"(?:https?://)?(?:[a-z]{2,3}\.|www\.)?(?:linkedin\.com/(?:in|pub)|github\.com|twitter\.com|x\.com|facebook\.com|instagram\.com|xing\.com/profile)/[A-Za-z0-9_.%-]*[A-Za-z0-9_%-]/?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProfileUrl();

    [GeneratedRegex(@"\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex UsSsn();

    [GeneratedRegex(@"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", RegexOptions.CultureInvariant)]
    private static partial Regex UkNino();

    [GeneratedRegex(@"\b(?i:national\s+(?:id|identity|insurance)(?:\s+(?:no|number))?|id\s+(?:no|number)|passport(?:\s+(?:no|number))?|social\s+security(?:\s+(?:no|number))?|ssn|tax\s+id|personal\s+id(?:\s+number)?|personalausweis(?:nummer)?)\.?\s*[:#]?\s*(?<v>(?=[A-Z]{0,3}\d)[A-Z0-9]+(?:[ -][A-Z0-9]{2,}){0,4})\b", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledId();

    [GeneratedRegex(@"\b(?:DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?|geboren(?:\s+am)?)\s*[:\-]?\s*(?<v>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateOfBirth();

    [GeneratedRegex(@"(?im)\b(?:address|home\s+address|street\s+address|anschrift|adresse)\s*:\s*(?<v>[^\r\n]{3,120})", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledAddress();

    [GeneratedRegex(@"\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][A-Za-z'.-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Close|Square|Sq|Parkway|Pkwy|Highway|Hwy)\b\.?(?:,?\s+(?:Apt|Apartment|Suite|Unit|Flat)\.?\s*#?\w+)?", RegexOptions.CultureInvariant)]
    private static partial Regex StreetAddress();

    [GeneratedRegex(@"\b[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|str\.|weg|platz|gasse|allee|ring)\s+\d{1,4}[a-z]?\b", RegexOptions.CultureInvariant)]
    private static partial Regex GermanStreet();

    [GeneratedRegex(@"\b[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex UkPostcode();

    [GeneratedRegex(@"(?m)\b(?i:name|full\s+name|candidate(?:\s+name)?|applicant(?:\s+name)?|employee(?:\s+name)?|contact)\s*:[ \t]*(?<v>\p{Lu}[\p{L}'-]+(?:[ \t]+\p{Lu}[\p{L}'-]+){0,3})", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledName();

    private sealed class Map
    {
        private readonly Dictionary<string, string> _byOriginal = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

        public Dictionary<string, string> Placeholders { get; } = new(StringComparer.Ordinal);

        public string PlaceholderFor(string kind, string original)
        {
            if (_byOriginal.TryGetValue(original, out var existing))
            {
                return existing;
            }

            var n = _counters.TryGetValue(kind, out var c) ? c + 1 : 1;
            _counters[kind] = n;
            var placeholder = $"[{kind}_{n}]";
            _byOriginal[original] = placeholder;
            Placeholders[placeholder] = original;
            return placeholder;
        }
    }
}
