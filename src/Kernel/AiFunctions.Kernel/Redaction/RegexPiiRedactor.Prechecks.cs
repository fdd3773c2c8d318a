namespace AiFunctions.Kernel.Redaction;

/// <summary>
/// The redactor's pre-checks: conditions every match of a pattern meets, checked on the whole text before the pattern
/// runs, so clean text skips it. Each must be true wherever its pattern matches (RedactionPrefilterTests shows that
/// over generated texts); a false answer means the pattern cannot match. They run on every outbound prompt, so each
/// is a vectorised search or one scalar pass without allocation.
/// </summary>
public sealed partial class RegexPiiRedactor
{
    /// <summary>The most digits any pre-check asks for (the US SSN needs 9): <see cref="CountDigits"/> stops counting there.</summary>
    private const int MostDigitsAskedFor = 9;

    /// <summary>
    /// The number of decimal digits of any script in the text (<see cref="char.IsDigit(char)"/>, Unicode's Nd: the
    /// patterns' <c>\d</c>, so "１２３-４５-６７８９" passes the digit pre-checks too), counted up to
    /// <see cref="MostDigitsAskedFor"/> (at least that many when the text has more): each pre-check asks only whether
    /// there are at least 1, 2, 4, 6, 7 or 9. Counted run by run of digits (<see cref="IndexOfDigit"/>).
    /// </summary>
    internal static int CountDigits(ReadOnlySpan<char> text)
    {
        var count = 0;
        var offset = 0;
        while (count < MostDigitsAskedFor)
        {
            var at = IndexOfDigit(text[offset..]);
            if (at < 0)
            {
                break;
            }

            offset += at;
            while (offset < text.Length && char.IsDigit(text[offset]))
            {
                offset++;
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// A condition every <see cref="UkNino"/> and <see cref="UkPostcode"/> match meets: an ASCII capital letter
    /// followed by a digit (any script), directly or after one space ("AB 12…", "SW1A 1AA"). Both patterns are
    /// case-sensitive and start with capitals followed by digits, so a text without that pair cannot match either.
    /// Such a digit is always the first of its run of digits (the character before it is a capital or a space), so
    /// only the first digit of each run is looked at.
    /// </summary>
    internal static bool HasCapitalBeforeDigit(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var at = IndexOfDigit(text[offset..]);
            if (at < 0)
            {
                return false;
            }

            var digit = offset + at;
            if ((digit >= 1 && char.IsAsciiLetterUpper(text[digit - 1])) || (digit >= 2 && text[digit - 1] == ' ' && char.IsAsciiLetterUpper(text[digit - 2])))
            {
                return true;
            }

            offset = digit + 1;
            while (offset < text.Length && char.IsDigit(text[offset]))
            {
                offset++;
            }
        }
    }

    /// <summary>
    /// The index of the first decimal digit of any script, or -1: the first ASCII digit by a vectorised search, and
    /// a digit of another script (rare) looked for only among the characters outside ASCII before it.
    /// </summary>
    internal static int IndexOfDigit(ReadOnlySpan<char> text)
    {
        var ascii = text.IndexOfAnyInRange('0', '9');
        var before = ascii < 0 ? text : text[..ascii];
        var steps = 0;
        for (var i = NonAsciiChars.Next(before, 0, ref steps); i >= 0; i = NonAsciiChars.Next(before, i + 1, ref steps))
        {
            if (char.IsDigit(before[i]))
            {
                return i;
            }
        }

        return ascii;
    }

    /// <summary>The dashes <see cref="UsSsn"/> accepts between its groups: '-', U+2010-U+2015, U+2212, U+FF0D.</summary>
    private static readonly System.Buffers.SearchValues<char> SsnDashes = System.Buffers.SearchValues.Create("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFF0D");

    /// <summary>
    /// A condition every <see cref="UsSsn"/> match meets: a digit, a dash (<see cref="SsnDashes"/>), a digit
    /// ("123-45-6789", "123–45–6789"). Any script's digits, as the pattern's <c>\d</c>.
    /// </summary>
    internal static bool HasDigitDashDigit(ReadOnlySpan<char> text)
    {
        for (var dash = text.IndexOfAny(SsnDashes); dash >= 0;)
        {
            if (dash > 0 && dash + 1 < text.Length && char.IsDigit(text[dash - 1]) && char.IsDigit(text[dash + 1]))
            {
                return true;
            }

            var next = text[(dash + 1)..].IndexOfAny(SsnDashes);
            dash = next < 0 ? -1 : dash + 1 + next;
        }

        return false;
    }

    /// <summary>
    /// A condition every <see cref="LabelledId"/> match meets: a run of letters that starts with the first word of one
    /// of its labels (<see cref="IdLabelFirstWords"/>, ignoring case) and is not right after a digit or '_'. The
    /// pattern's labels start after <c>\b</c> (so at the start of a run of letters, after no word character) and its
    /// case-insensitive letters here match only their two ASCII cases (no KELVIN SIGN: no 'k'), so a text without
    /// such a run cannot match ("Candidate" holds "id", not at a word's start).
    /// </summary>
    internal static bool MayContainIdLabel(ReadOnlySpan<char> text) => FindWords(text, Words.IdLabel) != Words.None;

    /// <summary>
    /// A condition every <see cref="StreetAddress"/> match meets, checked without running the pattern (the costliest
    /// of the redactor: it may start at any digit or letter): the text holds one of the pattern's street words as a
    /// whole run of letters (a street type after a house number, "PO Box"/"Postfach"/"Caixa Postal", a Romance street
    /// word, a US state code before a ZIP; case as the pattern has it), or a comma followed by at most one blank and a
    /// digit (", 75002 Paris"). False means the pattern cannot match. Every alternative of the pattern has its
    /// keyword between blanks or word boundaries, so the keyword is a maximal run of letters.
    /// </summary>
    internal static bool MayContainStreetAddress(ReadOnlySpan<char> text) => MayContainStreetAddress(text, FindWords(text, Words.StreetWord));

    /// <param name="found">What <see cref="FindWords"/> found in the text, asked for <see cref="Words.StreetWord"/> at least.</param>
    private static bool MayContainStreetAddress(ReadOnlySpan<char> text, Words found)
    {
        if ((found & Words.StreetWord) != 0)
        {
            return true;
        }

        for (var comma = text.IndexOf(','); comma >= 0;)
        {
            var k = comma + 1;
            if (k < text.Length && char.IsWhiteSpace(text[k]))
            {
                k++;
            }

            if (k < text.Length && char.IsDigit(text[k]))
            {
                return true;
            }

            var next = text[(comma + 1)..].IndexOf(',');
            comma = next < 0 ? -1 : comma + 1 + next;
        }

        // The pattern's case-insensitive parts treat KELVIN SIGN as 'k' (ordinal case folding does not): such a
        // text always runs the pattern.
        return text.Contains('\u212A');
    }

    /// <summary>The kinds of word <see cref="FindWords"/> looks for.</summary>
    [Flags]
    internal enum Words
    {
        None = 0,

        /// <summary>A maximal run of letters equal to a street word: one of <see cref="StreetWordListExact"/> as written or of <see cref="StreetWordListAnyCase"/> ignoring case.</summary>
        StreetWord = 1,

        /// <summary>A maximal run of letters, not right after a digit or '_', that starts with one of <see cref="IdLabelFirstWords"/> ignoring case.</summary>
        IdLabel = 2,
    }

    /// <summary>
    /// Which of the <paramref name="wanted"/> kinds of word the text holds, in one scalar pass over its maximal runs
    /// of letters (<see cref="char.IsLetter(char)"/>), stopping when all are found. A run is compared only with the
    /// words that start with its first two letters. Every word starts with two ASCII letters, and under ordinal case
    /// folding an ASCII letter equals only its own two cases, so a run starting otherwise is no word (nor starts one).
    /// </summary>
    internal static Words FindWords(ReadOnlySpan<char> text, Words wanted)
    {
        var found = Words.None;
        var i = 0;
        while (i < text.Length && found != wanted)
        {
            if (!IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i++;
            while (i < text.Length && IsLetter(text[i]))
            {
                i++;
            }

            var key = i - start >= 2 ? StartKey(text[start], text[start + 1]) : -1;
            if (key < 0 || WordsByStart[key] is not { } words)
            {
                continue;
            }

            var run = text[start..i];
            foreach (var (word, kind, ignoreCase) in words)
            {
                if ((wanted & kind) == 0)
                {
                    continue;
                }

                // Lengths first: most runs that share a word's first two letters are not that long (or long enough).
                var isWord = kind == Words.IdLabel
                    ? run.Length >= word.Length && run[..word.Length].Equals(word, StringComparison.OrdinalIgnoreCase)
                        && (start == 0 || (!char.IsDigit(text[start - 1]) && text[start - 1] != '_'))
                    : run.Length == word.Length && (ignoreCase ? run.Equals(word, StringComparison.OrdinalIgnoreCase) : run.SequenceEqual(word));
                if (isWord)
                {
                    found |= kind;
                }
            }
        }

        return found;

        static bool IsLetter(char c) => char.IsAscii(c) ? char.IsAsciiLetter(c) : char.IsLetter(c);
    }

    /// <summary>The first word of every label <see cref="LabelledId"/> knows ("personal" also begins "Personalausweis").</summary>
    internal static readonly string[] IdLabelFirstWords = ["national", "id", "passport", "social", "ssn", "tax", "personal"];

    /// <summary>The case-sensitive keywords of <see cref="StreetAddress"/>: street types, Romance street words, US state codes.</summary>
    internal static readonly string[] StreetWordListExact =
    [
        "Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln", "Drive", "Dr", "Court", "Ct", "Way", "Place", "Pl",
        "Terrace", "Close", "Square", "Sq", "Parkway", "Pkwy", "Highway", "Hwy", "Trail", "Trl", "Circle", "Cir", "Loop", "Row", "Crescent",
        "Cres", "Pike", "Heights", "Hts", "Ridge", "Cove", "Grove", "Mews", "Gardens", "Crossing", "Plaza", "Alley",
        "Calle", "Avenida", "Paseo", "Carrer", "Rua", "Travessa", "Via", "Viale", "Piazza", "Corso", "Rue",
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA",
        "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX",
        "UT", "VT", "VA", "WA", "WV", "WI", "WY",
    ];

    /// <summary>The case-insensitive keywords of <see cref="StreetAddress"/>: written-out street types, PO boxes, Romance street words.</summary>
    internal static readonly string[] StreetWordListAnyCase =
    [
        "street", "avenue", "road", "boulevard", "lane", "drive", "court", "terrace", "parkway", "highway", "trail", "circle", "crescent",
        "heights", "gardens", "crossing", "alley", "box", "postfach", "apartado", "postal", "postale", "rue", "chemin", "impasse", "allee",
        "all\u00E9e", "quai", "calle", "avenida", "paseo", "rua", "travessa",
    ];

    /// <summary>The words of <see cref="FindWords"/> by <see cref="StartKey"/> of their first two letters, each with its kind and whether its case is ignored.</summary>
    private static readonly (string Word, Words Kind, bool IgnoreCase)[]?[] WordsByStart = IndexWords();

    private static (string Word, Words Kind, bool IgnoreCase)[]?[] IndexWords()
    {
        var index = new (string Word, Words Kind, bool IgnoreCase)[]?[26 * 26];
        var words = StreetWordListExact.Select(w => (w, Words.StreetWord, false))
            .Concat(StreetWordListAnyCase.Select(w => (w, Words.StreetWord, true)))
            .Concat(IdLabelFirstWords.Select(w => (w, Words.IdLabel, true)));
        foreach (var entry in words)
        {
            var key = StartKey(entry.Item1[0], entry.Item1[1]);
            if (key < 0)
            {
                throw new InvalidOperationException($"Word '{entry.Item1}' must start with two ASCII letters.");
            }

            index[key] = [.. index[key] ?? [], entry];
        }

        return index;
    }

    /// <summary>0-675 for two ASCII letters in either case (the same for both cases), else -1.</summary>
    private static int StartKey(char first, char second) =>
        char.IsAsciiLetter(first) && char.IsAsciiLetter(second) ? ((first | 0x20) - 'a') * 26 + ((second | 0x20) - 'a') : -1;

    /// <summary>
    /// Hosts whose URLs name a person (profiles, portfolios, personal pages, messaging links): such a URL is replaced
    /// whole as <c>[PROFILE_URL_n]</c>. The name blinder leaves URLs on these hosts to the redactor.
    /// </summary>
    public static IReadOnlyList<string> ProfileHosts { get; } =
    [
        "linkedin.com/", "github.com/", "twitter.com/", "x.com/", "facebook.com/", "instagram.com/", "xing.com/", "gitlab.com/", "bitbucket.org/",
        "behance.net/", "dribbble.com/", "medium.com/@", "stackoverflow.com/users/", "t.me/", "wa.me/", "about.me/", "kaggle.com/", "leetcode.com/",
        "codepen.io/", "huggingface.co/", "youtube.com/@", "tiktok.com/@", "bsky.app/profile/", "threads.net/@", ".github.io", ".substack.com",
    ];

    /// <summary>
    /// <see cref="ProfileHosts"/> by the letters either side of their first '.' (<see cref="HostKey"/>), each with
    /// the index of that '.'; hosts that start with the '.' (".github.io") by the letter after it alone.
    /// </summary>
    private static readonly (string Host, int Dot)[]?[] ProfileHostsByDot = IndexProfileHosts();

    private static (string Host, int Dot)[]?[] IndexProfileHosts()
    {
        var index = new (string Host, int Dot)[]?[27 * 26];
        foreach (var host in ProfileHosts)
        {
            var dot = host.IndexOf('.', StringComparison.Ordinal);
            var key = HostKey(dot > 0 ? host[dot - 1] : null, host[dot + 1]);
            if (key < 0)
            {
                throw new InvalidOperationException($"Profile host '{host}' must have ASCII letters either side of its first '.'.");
            }

            index[key] = [.. index[key] ?? [], (host, dot)];
        }

        return index;
    }

    /// <summary>0-701 for an ASCII letter or none before a '.' and an ASCII letter after it, either case; else -1.</summary>
    private static int HostKey(char? before, char after)
    {
        if (!char.IsAsciiLetter(after) || (before is { } b && !char.IsAsciiLetter(b)))
        {
            return -1;
        }

        return (before is { } letter ? (letter | 0x20) - 'a' + 1 : 0) * 26 + ((after | 0x20) - 'a');
    }

    /// <summary>
    /// The pre-check of <see cref="ProfileUrl"/>: the text contains one of <see cref="ProfileHosts"/>
    /// (<see cref="ContainsProfileHost"/>), or a KELVIN SIGN (U+212A). The pattern ignores case the regex way, where
    /// KELVIN SIGN is a 'k' ("faceboo\u212A.com/…" reads and matches as facebook.com), and ordinal case folding does
    /// not, so such a text always runs the pattern (as the street pre-check does).
    /// </summary>
    internal static bool MayContainProfileUrl(ReadOnlySpan<char> text) => ContainsProfileHost(text) || text.Contains('\u212A');

    /// <summary>
    /// Whether the text contains one of <see cref="ProfileHosts"/> (ordinal, ignoring case): the pre-check of
    /// <see cref="ProfileUrl"/>. Every host has a '.' with an ASCII letter after it and a letter or its start before
    /// it, so each '.' of the text is tried as the first '.' of the hosts with the same letters either side. All
    /// hosts are ASCII, and under ordinal case folding an ASCII letter equals only its own two cases and '.', '/',
    /// '@' only themselves, so no other character can stand for them.
    /// </summary>
    internal static bool ContainsProfileHost(ReadOnlySpan<char> text)
    {
        for (var dot = text.IndexOf('.'); dot >= 0;)
        {
            if (dot + 1 < text.Length && char.IsAsciiLetter(text[dot + 1]))
            {
                if ((dot > 0 && Matches(text, dot, HostKey(text[dot - 1], text[dot + 1]))) || Matches(text, dot, HostKey(null, text[dot + 1])))
                {
                    return true;
                }
            }

            var next = text[(dot + 1)..].IndexOf('.');
            dot = next < 0 ? -1 : dot + 1 + next;
        }

        return false;

        static bool Matches(ReadOnlySpan<char> text, int dot, int key)
        {
            if (key < 0 || ProfileHostsByDot[key] is not { } hosts)
            {
                return false;
            }

            foreach (var (host, at) in hosts)
            {
                if (dot >= at && text[(dot - at)..].StartsWith(host, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
