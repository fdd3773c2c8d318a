using System.Text;
using System.Text.RegularExpressions;
using AiFunctions.Kernel.Redaction;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// The redactor skips its costliest pattern (street addresses) when a cheap check says it cannot match. That check
/// must never be false where the pattern matches, or an address would reach the provider: shown here on generated
/// texts built from the pattern's own words (taken from the pattern, so a word added to it later is generated too),
/// house numbers in several scripts, every blank the pattern accepts, glued letters and random case.
/// </summary>
public sealed class RedactionPrefilterTests
{
    private static readonly Regex Street = RegexPiiRedactor.StreetAddress();

    /// <summary>Every run of two or more ASCII letters in the pattern (its street words, labels, and some noise).</summary>
    private static readonly string[] PatternWords =
        [.. Regex.Matches(Street.ToString(), "[A-Za-z\u00E9\u00EE]{2,}").Select(m => m.Value).Distinct(StringComparer.Ordinal)];

    private static readonly string[] Blanks = [" ", " ", " ", "  ", "\t", "\u00A0", "\n", "\u2003", ""];
    private static readonly string[] Punctuation = [",", ", ", ".", "-", "#", "'", ",\u00A0", ";", "(", ")", "/"];
    private static readonly string[] Capitalised = ["Main", "Oak", "Hollow", "Baker", "Mayor", "Augusta", "Paix", "Springfield", "Paris", "Madrid", "Élan", "Zürich"];
    /// <summary>Parts of the pattern's multi-word keywords that the letter runs above split up.</summary>
    private static readonly string[] Fragments = ["PO", "P.O.", "p. o.", "P.O", "Bo\u00EEte", "boite", "Caixa", "apartado", "Home", "b"];
    private static readonly string[] Noise = ["led", "team", "engineers", "strategy", "driven", "true", "courtesy", "planet", "via", "Direct", "Stand", "Inbox", "rows", "boxing"];

    [Fact]
    public void The_street_check_is_true_for_every_generated_text_the_street_pattern_matches() =>
        // Not vacuous: many generated texts hold an address, and the check does skip texts (it is worth having).
        RedactionPrecheckEquivalenceTests.AssertNeverSkipsAMatch(20261130, Street, t => RegexPiiRedactor.MayContainStreetAddress(t), Generate);

    [Fact]
    public void The_capital_before_digit_check_is_true_for_every_generated_text_a_nino_or_postcode_pattern_matches()
    {
        var nino = RegexPiiRedactor.UkNino();
        var postcode = RegexPiiRedactor.UkPostcode();
        var random = new Random(1130);
        var matched = 0;
        var skipped = 0;
        const string Capitals = "ABCDEFGHJKLMNPRSTWXYZ";
        string[] joins = ["", " ", "  ", "\u00A0", "-", "\t"];
        for (var i = 0; i < 40_000; i++)
        {
            // Shapes of NINOs ("AB 12 34 56 C") and postcodes ("SW1A 1AA", "M1 1AE") with random letters, digits
            // (ASCII and fullwidth) and gaps, between random noise: many match, many are near misses.
            string[] shapes = ["LL_dd_dd_dd_S", "LL_dd_dd_dd_S", "LLdddddd S", "Ld dLL", "LLd dLL", "LLdL dLL", "LdL dLL", "Ldd", "lL d", "Ll dd"];
            var builder = new StringBuilder();
            var parts = random.Next(1, 4);
            for (var p = 0; p < parts; p++)
            {
                var shape = shapes[random.Next(shapes.Length)];
                foreach (var c in shape)
                {
                    builder.Append(c switch
                    {
                        'L' => random.Next(5) == 0 ? (char)('a' + random.Next(26)) : Capitals[random.Next(Capitals.Length)],
                        'l' => (char)('a' + random.Next(26)),
                        'd' => (char)((random.Next(8) == 0 ? '\uFF10' : '0') + random.Next(10)),
                        '_' => random.Next(4) == 0 ? joins[random.Next(joins.Length)] : " ",
                        'S' => "ABCDE"[random.Next(5)],
                        _ => random.Next(6) == 0 ? joins[random.Next(joins.Length)] : " ",
                    });
                }

                builder.Append(random.Next(3) == 0 ? "." : joins[random.Next(joins.Length)]);
            }

            var text = builder.ToString();
            var match = nino.IsMatch(text) || postcode.IsMatch(text);
            var mayMatch = RegexPiiRedactor.HasCapitalBeforeDigit(text);
            Assert.True(!match || mayMatch, $"The check skipped a NINO or postcode the patterns find in \"{text}\"");
            matched += match ? 1 : 0;
            skipped += mayMatch ? 0 : 1;
        }

        Assert.True(matched > 1_000, $"only {matched} generated texts held a NINO or postcode");
        Assert.True(skipped > 1_000, $"the check skipped only {skipped} texts");
    }

    [Fact]
    public void A_phone_candidate_reduced_to_its_digits_gets_the_same_libphonenumber_answer_as_written()
    {
        // The finder hands libphonenumber the digits of a candidate run (and a '+') instead of the run as written
        // ("+44 (0)20 7946-0958", "00 49 30 1234567"): the same answer for every region, over 40,000 generated runs
        // of the finder's alphabet (digits; space, '-', '.', '/', '(', ')', no-break space, U+2011, U+2013, at most
        // two at a time; led by '+', "00", '(' or nothing) with real and unassigned country codes and trunk zeros.
        string[] countryCodes = ["1", "44", "49", "33", "39", "34", "31", "91", "86", "7", "55", "52", "61", "353", "971", "380", "880", "0", "99", "800", "979", "212", "90"];
        string[] separators = [" ", "-", ".", "/", "(", ")", "\u00A0", "\u2011", "\u2013"];
        string[] regions = [.. RedactionOptions.DefaultPhoneRegions, "ZZ", "JP", "CH"];
        var random = new Random(3011);
        var possible = 0;
        var impossible = 0;
        for (var i = 0; i < 40_000; i++)
        {
            var lead = random.Next(10) switch { < 3 => "+", < 5 => "00", 5 => "(", _ => string.Empty };
            var digits = new StringBuilder();
            if (lead is "+" or "00")
            {
                digits.Append(countryCodes[random.Next(countryCodes.Length)]);
            }

            if (random.Next(3) == 0)
            {
                digits.Append('0');
            }

            var total = random.Next(7, 16) - (lead == "00" ? 2 : 0);
            var written = PhoneRun(random, lead, digits, total, separators);
            var international = lead is "+" or "00";
            // As the finder passed it before: the run itself, "00…" as "+…".
            var asWritten = lead == "00" ? "+" + written[2..] : written;
            var compact = PhoneNumberFinder.Compact(lead == "+" ? written.AsSpan(1) : lead == "00" ? written.AsSpan(2) : written, plus: international);
            foreach (var region in international ? ["ZZ"] : regions)
            {
                var expected = PhoneNumberFinder.IsPossible(asWritten, region);
                Assert.True(expected == PhoneNumberFinder.IsPossible(compact, region), $"\"{written}\" in {region}: {expected} as written, not as \"{compact}\"");
                possible += expected ? 1 : 0;
                impossible += expected ? 0 : 1;
            }
        }

        Assert.True(possible > 5_000, $"only {possible} possible numbers were generated");
        Assert.True(impossible > 5_000, $"only {impossible} impossible numbers were generated");
    }

    [Fact]
    public void The_international_phone_check_gives_the_answer_of_parsing_the_number_with_libphonenumber()
    {
        // The finder decides a '+' or "00" candidate with libphonenumber's lower-level steps instead of Parse; the
        // answer must be IsPossibleNumber(Parse(…))'s for every candidate, or a phone would reach the provider (or a
        // non-phone be redacted). 40,000 generated runs, led by '+', "00", '(' or nothing (their digits are all
        // checked as '+' numbers here, so every lead also exercises the international check), with real, non-geographic
        // and unassigned calling codes, trunk zeros (one or several), 3-20 digits. The oracle parses in "ZZ" as the finder
        // always did: with a default region, Parse retries a "+0…" number with that region's international prefix
        // ("+0044…" in CH is a GB number), which the finder never asked for.
        string[] countryCodes = ["1", "44", "49", "33", "39", "34", "31", "91", "86", "7", "55", "52", "61", "353", "971", "380", "880", "81", "41", "62", "225", "0", "99", "28", "210", "800", "808", "870", "878", "881", "882", "883", "888", "979", "212", "90", ""];
        string[] separators = [" ", "-", ".", "/", "(", ")", "\u00A0"];
        var random = new Random(1403);
        var possible = 0;
        var impossible = 0;
        for (var i = 0; i < 40_000; i++)
        {
            var lead = random.Next(10) switch { < 4 => "+", < 6 => "00", 6 => "(", _ => string.Empty };
            var digits = new StringBuilder(countryCodes[random.Next(countryCodes.Length)]);
            var zeros = random.Next(6) switch { < 3 => 0, < 5 => 1, _ => random.Next(2, 5) };
            digits.Append('0', zeros);
            var total = random.Next(3, 21);
            var written = PhoneRun(random, lead, digits, total, separators);
            var number = PhoneNumberFinder.Compact(lead == "+" ? written.AsSpan(1) : lead == "00" ? written.AsSpan(2) : written, plus: true);
            if (number.Length < 3)
            {
                continue;
            }

            var actual = PhoneNumberFinder.IsPossibleInternational(number);
            var expected = PhoneNumberFinder.IsPossible(number, "ZZ");
            Assert.True(expected == actual, $"\"{written}\" (\"{number}\"): libphonenumber says {expected}, the finder {actual}");
            possible += expected ? 1 : 0;
            impossible += expected ? 0 : 1;
        }

        Assert.True(possible > 10_000, $"only {possible} possible numbers were generated");
        Assert.True(impossible > 10_000, $"only {impossible} impossible numbers were generated");
    }

    /// <summary>
    /// <paramref name="lead"/>, then <paramref name="digits"/> filled with random digits up to <paramref name="total"/>,
    /// one or two random separators before a third of the digits after the first.
    /// </summary>
    private static string PhoneRun(Random random, string lead, StringBuilder digits, int total, string[] separators)
    {
        while (digits.Length < total)
        {
            digits.Append((char)('0' + random.Next(10)));
        }

        var run = new StringBuilder(lead);
        for (var d = 0; d < digits.Length; d++)
        {
            if (d > 0 && random.Next(3) == 0)
            {
                run.Append(separators[random.Next(separators.Length)]);
                if (random.Next(4) == 0)
                {
                    run.Append(separators[random.Next(separators.Length)]);
                }
            }

            run.Append(digits[d]);
        }

        return run.ToString();
    }

    [Theory]
    [InlineData("+442079460958")] // GB, possible
    [InlineData("+4402079460958")] // GB with the trunk 0 written: stripped
    [InlineData("+390212345678")] // IT: the leading 0 is part of the number
    [InlineData("+39000123456")] // IT: several leading zeros
    [InlineData("+80012345678")] // non-geographic (freephone)
    [InlineData("+88212345678")] // non-geographic (international networks)
    [InlineData("+2812345678")] // unassigned calling code
    [InlineData("+0442079460958")] // a calling code cannot start with 0
    [InlineData("+15")] // too short after the calling code
    [InlineData("+1415555267112345678")] // too long
    [InlineData("+12")] // too short after the IDD
    public void The_international_phone_check_agrees_with_libphonenumber_on_edge_cases(string number) =>
        Assert.Equal(PhoneNumberFinder.IsPossible(number, "ZZ"), PhoneNumberFinder.IsPossibleInternational(number));

    [Theory]
    [InlineData("12 Oak par\u212Away")] // KELVIN SIGN: the pattern's case-insensitive parts read it as 'k'
    [InlineData("Reach me at 4821 Oak Hollow TRAIL please")]
    [InlineData("Reach me at 4821 Oak Hollow Trl.")]
    [InlineData("12 ALLÉE des Roses, Lyon")]
    [InlineData("Springfield, IL 62704")]
    [InlineData("Berlin,\u00A010115 Mitte")]
    [InlineData("Caixa Postal 123")]
    [InlineData("\uFF11\uFF12 Main Street")] // fullwidth house number
    public void Forms_the_pattern_matches_pass_the_check(string text)
    {
        Assert.Matches(Street, text);
        Assert.True(RegexPiiRedactor.MayContainStreetAddress(text));
    }

    [Theory]
    [InlineData("Led a team of five engineers building payroll services in C# and SQL; mentored juniors; ran on-call.")]
    [InlineData("Strategy-driven for 10 years, courtesy and a true planet-scale inbox")]
    public void Prose_without_a_street_word_skips_the_pattern(string text)
    {
        Assert.DoesNotMatch(Street, text);
        Assert.False(RegexPiiRedactor.MayContainStreetAddress(text));
    }

    [Theory]
    [InlineData("On file: \uFF11\uFF12\uFF13-\uFF14\uFF15-\uFF16\uFF17\uFF18\uFF19 thanks", "NATIONAL_ID")] // fullwidth SSN
    [InlineData("Lives at \u0661\u0662 Main Street now", "ADDRESS")] // Arabic-Indic house number
    [InlineData("Call \uFF0B\uFF14\uFF14 \uFF12\uFF10 \uFF17\uFF19\uFF14\uFF16 \uFF10\uFF19\uFF15\uFF18 any time", "PHONE")] // fullwidth +44 20 7946 0958
    [InlineData("Tel: \uFF08\uFF14\uFF11\uFF15\uFF09\uFF15\uFF15\uFF15\uFF0D\uFF12\uFF16\uFF17\uFF11 (evenings)", "PHONE")] // fullwidth (415)555-2671
    [InlineData("Mobile \u0967\u0968\u0969\u096A\u096B\u096C\u096D\u096E\u096F\u0966 please", "PHONE")] // Devanagari 1234567890 after a label
    public void Values_written_with_digits_of_other_scripts_are_redacted(string text, string kind)
    {
        // The patterns' \d is any decimal digit; the digit pre-checks used to count ASCII digits only.
        var result = new RegexPiiRedactor().Redact(text);

        Assert.Contains($"[{kind}_1]", result.Text, StringComparison.Ordinal);
        Assert.Equal(text, result.Restore(result.Text));
    }

    /// <summary>Random parts around an address-shaped run (number, words, one of the pattern's words, number) in random order and case.</summary>
    private static string Generate(Random random)
    {
        var builder = new StringBuilder();
        AppendRandomParts(random, builder, random.Next(0, 5));
        var keyword = RandomCase(random, PatternWords[random.Next(PatternWords.Length)]);
        var words = random.Next(0, 4);
        if (random.Next(2) == 0)
        {
            // Number first: "4821 Oak Hollow Trail", "12 rue de la Paix", "IL 62704" (the words may come first too).
            builder.Append(Number(random)).Append(Blanks[random.Next(Blanks.Length)]);
            AppendWords(random, builder, words);
            builder.Append(keyword);
        }
        else
        {
            // Keyword first: "Calle Mayor 5", "PO Box 1234", "Caixa Postal 123".
            if (random.Next(2) == 0)
            {
                builder.Append(Fragments[random.Next(Fragments.Length)]).Append(Blanks[random.Next(Blanks.Length)]);
            }

            builder.Append(keyword).Append(Blanks[random.Next(Blanks.Length)]);
            AppendWords(random, builder, words);
            builder.Append(Number(random));
        }

        builder.Append(random.Next(3) == 0 ? Punctuation[random.Next(Punctuation.Length)] : Blanks[random.Next(Blanks.Length)]);
        AppendRandomParts(random, builder, random.Next(0, 5));
        return builder.ToString();
    }

    private static void AppendWords(Random random, StringBuilder builder, int count)
    {
        for (var w = 0; w < count; w++)
        {
            builder.Append(random.Next(3) == 0 ? Noise[random.Next(Noise.Length)] : Capitalised[random.Next(Capitalised.Length)]).Append(Blanks[random.Next(Blanks.Length)]);
        }
    }

    private static void AppendRandomParts(Random random, StringBuilder builder, int parts)
    {
        for (var p = 0; p < parts; p++)
        {
            switch (random.Next(10))
            {
                case 0 or 1:
                    builder.Append(Number(random));
                    break;
                case 2 or 3:
                    builder.Append(RandomCase(random, PatternWords[random.Next(PatternWords.Length)]));
                    break;
                case 4:
                    builder.Append(Capitalised[random.Next(Capitalised.Length)]);
                    break;
                case 5:
                    builder.Append(Noise[random.Next(Noise.Length)]);
                    break;
                case 6:
                    builder.Append(Punctuation[random.Next(Punctuation.Length)]);
                    break;
                case 7:
                    // A letter glued to what follows (word boundaries must be respected, not assumed).
                    builder.Append((char)(random.Next(2) == 0 ? 'a' + random.Next(26) : 'A' + random.Next(26)));
                    continue;
                case 8:
                    builder.Append(Fragments[random.Next(Fragments.Length)]);
                    break;
                default:
                    builder.Append(random.Next(2) == 0 ? "St" : "Rd");
                    break;
            }

            builder.Append(Blanks[random.Next(Blanks.Length)]);
        }
    }

    private static string Number(Random random)
    {
        var length = random.Next(1, 7);
        var zero = random.Next(10) switch
        {
            0 => '\uFF10', // fullwidth
            1 => '\u0660', // Arabic-Indic
            _ => '0',
        };
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)(zero + random.Next(10));
        }

        return new string(chars) + (random.Next(6) == 0 ? "B" : string.Empty);
    }

    private static string RandomCase(Random random, string word) => random.Next(6) switch
    {
        0 => word.ToUpperInvariant(),
        1 => word.ToLowerInvariant(),
        2 => char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant(),
        3 => word.Replace('k', '\u212A').Replace('K', '\u212A'),
        4 => string.Concat(word.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))),
        _ => word,
    };
}
