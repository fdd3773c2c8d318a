using System.Globalization;
using System.Text;
using PhoneNumbers;

namespace AiFunctions.Kernel.Tests.Oracle;

// Test-only oracle: main@b61b429's phone finder.


/// <summary>
/// Finds phone numbers in running text: a cheap scan picks candidate digit runs (digits joined by at most two of
/// space, '-', '.', '/', '(', ')' at a time, optionally led by '+' or '00'; 7-15 digits; not glued to a letter or
/// digit), and only those are checked with libphonenumber (Google's phone number metadata,
/// <see href="https://github.com/google/libphonenumber"/>): a '+' or '00' run must be a possible number of its
/// country code; a national run of 10-15 digits must be a possible number in one of the configured regions; a
/// national run of 7-9 digits counts only right after a phone label ("Tel", "Phone", "Mobile", "Cell", "Fax", "Ph",
/// "T:", "M:", "Tél", "Telefon", "Handy", "Móvil", "Celular"), so years, amounts and date ranges stay. National and
/// international forms, with or without separators ("Tel 5550100999", "+44 20 7946 0958", "0044 20 7946 0958",
/// "(415) 555-2671"). Allocation-conscious: text without a candidate run allocates nothing.
/// </summary>
internal sealed class OldPhoneNumberFinder
{
    private const int MinDigits = 7;
    private const int MaxDigits = 15;
    private const int MinUnlabelledNationalDigits = 10;
    private const int MinNationalSignificantDigits = 2;
    private const int MaxNationalSignificantDigits = 17;
    private const string NonGeographicalRegion = "001";
    private const string UnknownRegion = "ZZ";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly string[] Labels = ["tel", "tél", "phone", "mobile", "cell", "fax", "ph", "t", "m", "telefon", "telephone", "téléphone", "handy", "móvil", "movil", "celular", "mob", "whatsapp"];

    [ThreadStatic]
    private static StringBuilder? t_nationalNumber;

    [ThreadStatic]
    private static StringBuilder? t_carrierCode;

    private readonly string[] _regions;

    /// <param name="regions">ISO 3166 region codes national numbers (no '+') are checked against, e.g. "US", "GB".</param>
    public OldPhoneNumberFinder(IReadOnlyList<string> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        _regions = regions.Select(r => r.ToUpperInvariant()).ToArray();
    }

    /// <summary>Whether a region code is one libphonenumber knows (for settings validation).</summary>
    public static bool IsSupportedRegion(string region) => Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <summary>
    /// <paramref name="text"/> with every decimal digit of another script (Unicode category Nd in the BMP: fullwidth,
    /// Arabic-Indic, Devanagari, …) replaced by its ASCII digit, and the fullwidth '+', '(', ')', '-', '.', '/' and
    /// the ideographic space by their ASCII forms; same length, so positions carry over. The same instance (no
    /// allocation) when there is nothing to fold.
    /// </summary>
    public static string FoldDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAnyExceptInRange('\u0000', '\u007F');
        if (first < 0)
        {
            return text;
        }

        char[]? folded = null;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            var ascii = c switch
            {
                <= '\u007F' => c,
                '\uFF0B' => '+',
                '\uFF08' => '(',
                '\uFF09' => ')',
                '\uFF0D' or '\u2212' => '-',
                '\uFF0E' => '.',
                '\uFF0F' => '/',
                '\u3000' => ' ',
                _ when char.IsDigit(c) => (char)('0' + (int)char.GetNumericValue(c)),
                _ => c,
            };
            if (ascii != c)
            {
                folded ??= text.ToCharArray();
                folded[i] = ascii;
            }
        }

        return folded is null ? text : new string(folded);
    }

    /// <summary>Replaces every phone number found by <paramref name="placeholder"/>(number); returns the text unchanged (same instance) when none.</summary>
    public string Replace(string text, Func<string, string> placeholder)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(placeholder);
        StringBuilder? builder = null;
        var copied = 0;
        var from = 0;
        while (TryFindNext(text, ref from, out var start, out var end))
        {
            builder ??= new StringBuilder(text.Length);
            builder.Append(text, copied, start - copied).Append(placeholder(text[start..end]));
            copied = end;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// The next phone number at or after <paramref name="from"/>: true with its range [<paramref name="start"/>,
    /// <paramref name="end"/>), and <paramref name="from"/> moved past it; allocates nothing.
    /// </summary>
    public bool TryFindNext(string text, ref int from, out int start, out int end)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = from;
        while (i < text.Length)
        {
            var c = text[i];
            if (!(char.IsAsciiDigit(c) || c == '+' || c == '(') || (i > 0 && IsGlue(text[i - 1])))
            {
                i++;
                continue;
            }

            var (runEnd, digits) = ScanRun(text, i);
            if (digits >= MinDigits && digits <= MaxDigits && (runEnd == text.Length || !IsGlue(text[runEnd])) && IsPhone(text, i, runEnd, digits))
            {
                start = i;
                end = runEnd;
                from = runEnd;
                return true;
            }

            // Skip the rest of this run so its inner digits are not tried as the start of another.
            i = Math.Max(i + 1, runEnd);
        }

        start = end = from = text.Length;
        return false;
    }

    private static bool IsGlue(char c) => char.IsLetterOrDigit(c) || c is '_' or '+' or '@' or '#' or '$' or '€' or '£';

    /// <summary>From a '+', '(' or digit: digits joined by at most two separators at a time; ends after the last digit.</summary>
    private static (int End, int Digits) ScanRun(string text, int start)
    {
        var digits = 0;
        var end = start;
        var separators = 0;
        var j = start;
        if (text[j] == '+')
        {
            j++;
        }

        for (; j < text.Length; j++)
        {
            var c = text[j];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                separators = 0;
                end = j + 1;
                if (digits > MaxDigits)
                {
                    break;
                }
            }
            else if (c is ' ' or '-' or '.' or '/' or '(' or ')' or '\u00A0' or '\u2011' or '\u2013')
            {
                if (++separators > 2)
                {
                    break;
                }
            }
            else
            {
                break;
            }
        }

        // A closing parenthesis right after the last digit belongs to the number only when it was opened inside it.
        return (end, digits);
    }

    private bool IsPhone(string text, int start, int end, int digits)
    {
        var span = text.AsSpan(start, end - start);
        var international = span[0] == '+' || (span.Length > 2 && span[0] == '0' && span[1] == '0' && digits >= 9);
        if (international)
        {
            return IsPossibleInternational(Compact(span[0] == '+' ? span[1..] : span[2..], plus: true));
        }

        if (digits < MinUnlabelledNationalDigits && !HasLabelBefore(text, start))
        {
            return false;
        }

        // Date-like runs ("2019-2023", "2024-01-15", "12/05/2015") are not phone numbers, labelled or not.
        if (LooksLikeDate(span))
        {
            return false;
        }

        var national = Compact(span, plus: false);
        foreach (var region in _regions)
        {
            if (IsPossible(national, region))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The candidate's digits alone ('+' first when <paramref name="plus"/>): what libphonenumber's <c>Parse</c> keeps
    /// of a run of digits and the separators <see cref="ScanRun"/> accepts (all in its <c>VALID_PUNCTUATION</c>, all
    /// dropped when it normalises), so the answer is the same, and <c>Parse</c> skips its costliest steps (removing the
    /// separators one by one). Shown equal to parsing the run as written in RedactionPrefilterTests.
    /// </summary>
    internal static string Compact(ReadOnlySpan<char> run, bool plus)
    {
        Span<char> number = stackalloc char[MaxDigits + 1];
        var length = 0;
        if (plus)
        {
            number[length++] = '+';
        }

        foreach (var c in run)
        {
            if (char.IsAsciiDigit(c) && length < number.Length)
            {
                number[length++] = c;
            }
        }

        return new string(number[..length]);
    }

    /// <summary>
    /// Whether <paramref name="number"/> ('+' then 7-15 ASCII digits, as <see cref="Compact"/> gives it) is a possible
    /// number of its country calling code: exactly what <c>IsPossibleNumber(Parse(number, "ZZ"))</c> answers, taken
    /// step by step with libphonenumber's own lower-level calls instead of <c>Parse</c>, whose input clean-up (viability
    /// and extension patterns, normalising, the international prefix) has nothing to do on digits alone and was most of
    /// the cost (about 1 µs a candidate). The steps are <c>Parse</c>'s: the calling code is the shortest 1-3 digit
    /// prefix libphonenumber knows (none, or a leading 0: not a number); the national number after it must have at
    /// least 2 digits; the national prefix and carrier code are stripped the way the country's metadata says, kept
    /// stripped only when what remains is still a possible length there; then the length check of
    /// <c>IsPossibleNumber</c> (possible, or possible only locally). Shown to give <see cref="IsPossible"/>'s answer
    /// over generated candidates in RedactionPrefilterTests.
    /// </summary>
    internal static bool IsPossibleInternational(string number)
    {
        var digits = number.AsSpan(1);
        if (digits.Length <= 2 || digits[0] == '0')
        {
            return false;
        }

        var countryCode = 0;
        var countryCodeLength = 0;
        var region = UnknownRegion;
        for (var i = 1; i <= 3 && i <= digits.Length; i++)
        {
            var potential = int.Parse(digits[..i], CultureInfo.InvariantCulture);
            region = Util.GetRegionCodeForCountryCode(potential);
            if (region != UnknownRegion)
            {
                countryCode = potential;
                countryCodeLength = i;
                break;
            }
        }

        var national = digits[countryCodeLength..];
        if (countryCode == 0 || national.Length < MinNationalSignificantDigits)
        {
            return false;
        }

        var metadata = region == NonGeographicalRegion ? Util.GetMetadataForNonGeographicalRegion(countryCode) : Util.GetMetadataForRegion(region);
        if (metadata is null)
        {
            return IsPossible(number, UnknownRegion);
        }

        // Scratch builders of this thread (libphonenumber's call takes StringBuilders): no allocation per candidate.
        var nationalNumber = t_nationalNumber ??= new StringBuilder(MaxNationalSignificantDigits);
        var carrierCode = t_carrierCode ??= new StringBuilder();
        nationalNumber.Clear().Append(national);
        carrierCode.Clear();
        Util.MaybeStripNationalPrefixAndCarrierCode(nationalNumber, metadata, carrierCode);
        var significant = national.ToString();
        if (!nationalNumber.Equals(national))
        {
            var stripped = nationalNumber.ToString();
            if (LengthVerdict(countryCode, stripped) is not (PhoneNumberUtil.ValidationResult.TOO_SHORT or PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY or PhoneNumberUtil.ValidationResult.INVALID_LENGTH))
            {
                significant = stripped;
            }
        }

        if (significant.Length is < MinNationalSignificantDigits or > MaxNationalSignificantDigits)
        {
            return false;
        }

        return LengthVerdict(countryCode, significant) is PhoneNumberUtil.ValidationResult.IS_POSSIBLE or PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY;
    }

    /// <summary>libphonenumber's length check of a national significant number (leading zeros kept, as <c>Parse</c> keeps them) in a calling code.</summary>
    private static PhoneNumberUtil.ValidationResult LengthVerdict(int countryCode, string significant)
    {
        if (significant.Length == 0)
        {
            return PhoneNumberUtil.ValidationResult.TOO_SHORT;
        }

        // As Parse keeps them: the count of leading zeros (all but the last digit at most) beside the number's value.
        var phone = new PhoneNumber.Builder().SetCountryCode(countryCode).SetNationalNumber(ulong.Parse(significant, CultureInfo.InvariantCulture));
        var zeros = 0;
        while (zeros < significant.Length - 1 && significant[zeros] == '0')
        {
            zeros++;
        }

        if (zeros > 0)
        {
            phone.SetNumberOfLeadingZeros(zeros);
        }

        return Util.IsPossibleNumberWithReason(phone.Build());
    }

    internal static bool IsPossible(string number, string region)
    {
        try
        {
            return Util.IsPossibleNumber(Util.Parse(number, region));
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Two or three groups where one is a plausible year (19xx/20xx) and the others are 1-4 digits: a date or a range of years.</summary>
    private static bool LooksLikeDate(ReadOnlySpan<char> span)
    {
        Span<Range> groups = stackalloc Range[5];
        var count = 0;
        var groupStart = -1;
        for (var k = 0; k <= span.Length; k++)
        {
            var isDigit = k < span.Length && char.IsAsciiDigit(span[k]);
            if (isDigit && groupStart < 0)
            {
                groupStart = k;
            }
            else if (!isDigit && groupStart >= 0)
            {
                if (count == groups.Length)
                {
                    return false;
                }

                groups[count++] = groupStart..k;
                groupStart = -1;
            }
        }

        if (count is < 2 or > 3)
        {
            return false;
        }

        var hasYear = false;
        for (var g = 0; g < count; g++)
        {
            var group = span[groups[g]];
            if (group.Length == 4 && (group.StartsWith("19") || group.StartsWith("20")))
            {
                hasYear = true;
            }
            else if (group.Length > 2)
            {
                return false;
            }
        }

        return hasYear;
    }

    /// <summary>A phone label ending within a few characters before <paramref name="start"/> ("Tel 555...", "Phone: ...", "M: ...").</summary>
    private static bool HasLabelBefore(string text, int start)
    {
        var k = start - 1;
        while (k >= 0 && (text[k] is ' ' or ':' or '.' or '\t' or '-' or '*' or '|' or '(' or '\u00A0'))
        {
            k--;
        }

        var wordEnd = k + 1;
        while (k >= 0 && char.IsLetter(text[k]))
        {
            k--;
        }

        var word = text.AsSpan(k + 1, wordEnd - k - 1);
        if (word.Length == 0 || wordEnd == start)
        {
            return false;
        }

        foreach (var label in Labels)
        {
            if (word.Equals(label, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // "Phone number: ...", "mobile no. ..."
        return word.Equals("number", StringComparison.OrdinalIgnoreCase) || word.Equals("no", StringComparison.OrdinalIgnoreCase)
            ? HasLabelBefore(text, k + 1)
            : false;
    }
}
