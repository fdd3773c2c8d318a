using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using AiFunctions.Kernel.Redaction;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// The redactor's pre-checks decide whether a pattern runs at all, so a pre-check that says "no" where the pattern
/// would have matched lets personal data reach the provider. The faster forms of the checks (run-by-run digit
/// counting, the street-word index, the dot-anchored profile-host search, the id-label check, the non-ASCII walk of
/// the phone finder's folding) are shown here to give the answer of the plain form they replaced (kept below as the
/// oracle) or never to be false where their pattern matches, over generated texts mixing the words the checks look
/// for in random case with digits of several scripts, the message separator, non-ASCII letters and long stretches of
/// another script (past the walk's vectorised steps), glued and spaced.
/// </summary>
public sealed class RedactionPrecheckEquivalenceTests
{
    private const int Texts = 40_000;

    private static readonly string[] Words =
        ["led", "team", "engineers", "Candidate", "provide", "middle", "Main", "Oak", "Paris", "résumé", "Zürich", "straße", "JSON", "SQL", "C#", "on-call"];

    private static readonly string[] Blanks = [" ", " ", " ", "", "\n", "\t", "\u00A0", "\u241E", "  "];
    private static readonly string[] Punctuation = [".", ",", ", ", ":", "-", "_", "@", "/", "(", ")", "#", "'", "\u2019", "\u0301", "\u200D"];
    private static readonly char[] Zeros = ['0', '0', '0', '\uFF10', '\u0660', '\u0966', '\u06F0'];
    private static readonly string[] IdLabels =
    [
        "national id", "National Identity", "national insurance number", "ID no", "id number", "passport", "Passport No", "social security",
        "social security number", "SSN", "tax id", "personal id", "Personal ID number", "Personalausweis", "personalausweisnummer",
    ];

    private static readonly string[] StreetWords = [.. RegexPiiRedactor.StreetWordListExact, .. RegexPiiRedactor.StreetWordListAnyCase];

    [Fact]
    public void Counting_digits_run_by_run_gives_the_count_of_every_decimal_digit_up_to_nine()
    {
        var random = new Random(14_01);
        var many = 0;
        for (var i = 0; i < Texts; i++)
        {
            var text = Generate(random);
            var expected = text.Count(char.IsDigit);
            var actual = RegexPiiRedactor.CountDigits(text);
            Assert.True(Math.Min(actual, 9) == Math.Min(expected, 9) && actual <= expected, $"{actual} digits counted, {expected} in \"{Escape(text)}\"");
            Assert.Equal(IndexOfDigit(text), RegexPiiRedactor.IndexOfDigit(text));
            many += expected >= 9 ? 1 : 0;
        }

        Assert.True(many > 5_000 && many < Texts - 5_000, $"{many} texts with 9 digits or more");
    }

    [Fact]
    public void The_capital_before_digit_check_answers_as_looking_at_every_capital() =>
        AssertSameAnswer(14_02, HasCapitalBeforeDigit, t => RegexPiiRedactor.HasCapitalBeforeDigit(t), least: 2_000);

    [Fact]
    public void The_street_check_answers_as_searching_the_text_for_every_street_word() =>
        AssertSameAnswer(14_03, MayContainStreetAddress, t => RegexPiiRedactor.MayContainStreetAddress(t), least: 5_000);

    [Fact]
    public void The_profile_host_check_answers_as_searching_the_text_for_every_host()
    {
        var hosts = SearchValues.Create([.. RegexPiiRedactor.ProfileHosts], StringComparison.OrdinalIgnoreCase);
        AssertSameAnswer(14_04, t => t.AsSpan().ContainsAny(hosts), t => RegexPiiRedactor.ContainsProfileHost(t), least: 5_000);
    }

    [Fact]
    public void The_id_label_check_is_true_for_every_generated_text_the_labelled_id_pattern_matches() =>
        AssertNeverSkipsAMatch(14_05, RegexPiiRedactor.LabelledId(), t => RegexPiiRedactor.MayContainIdLabel(t), Generate);

    [Fact]
    public void The_digit_dash_digit_check_is_true_for_every_generated_text_the_ssn_pattern_matches()
    {
        string[] joins = ["-", "-", "-", " ", "", "\u2013", "--", "- "];
        AssertNeverSkipsAMatch(14_07, RegexPiiRedactor.UsSsn(), t => RegexPiiRedactor.HasDigitDashDigit(t), random =>
        {
            // SSN shapes ("123-45-6789") with random digits of several scripts and joins, between generated texts.
            var builder = new StringBuilder(Generate(random)).Append(Blanks[random.Next(Blanks.Length)]);
            var zero = Zeros[random.Next(Zeros.Length)];
            foreach (var size in (int[])[3, 2, 4])
            {
                var group = random.Next(4) == 0 ? size + random.Next(-1, 2) : size;
                for (var k = 0; k < group; k++)
                {
                    builder.Append((char)(zero + random.Next(10)));
                }

                builder.Append(size == 4 ? Blanks[random.Next(Blanks.Length)] : joins[random.Next(joins.Length)]);
            }

            return builder.Append(Generate(random)).ToString();
        });
    }

    /// <summary>The check gives the oracle's answer on every generated text, and each answer comes at least <paramref name="least"/> times.</summary>
    private static void AssertSameAnswer(int seed, Func<string, bool> oracle, Func<string, bool> check, int least)
    {
        var random = new Random(seed);
        var yes = 0;
        for (var i = 0; i < Texts; i++)
        {
            var text = Generate(random);
            var expected = oracle(text);
            Assert.True(expected == check(text), $"expected {expected} for \"{Escape(text)}\"");
            yes += expected ? 1 : 0;
        }

        Assert.True(yes > least && yes < Texts - least, $"{yes} of {Texts} texts answered yes");
    }

    /// <summary>The pre-check is true on every generated text the pattern matches; over 2,000 matches and 2,000 skips (not vacuous).</summary>
    internal static void AssertNeverSkipsAMatch(int seed, Regex pattern, Func<string, bool> check, Func<Random, string> generate)
    {
        var random = new Random(seed);
        var matched = 0;
        var skipped = 0;
        for (var i = 0; i < Texts; i++)
        {
            var text = generate(random);
            var match = pattern.IsMatch(text);
            var mayMatch = check(text);
            Assert.True(!match || mayMatch, $"The check skipped what {pattern} finds: '{pattern.Match(text).Value}' in \"{Escape(text)}\"");
            matched += match ? 1 : 0;
            skipped += mayMatch ? 0 : 1;
        }

        Assert.True(matched > 2_000, $"only {matched} generated texts matched");
        Assert.True(skipped > 2_000, $"the check skipped only {skipped} texts");
    }

    [Fact]
    public void Folding_digits_gives_the_answer_of_folding_every_character()
    {
        var random = new Random(14_06);
        var folded = 0;
        for (var i = 0; i < Texts; i++)
        {
            var text = Generate(random);
            var expected = FoldDigits(text);
            var actual = PhoneNumberFinder.FoldDigits(text);
            Assert.Equal(expected, actual);
            Assert.True(ReferenceEquals(actual, text) == string.Equals(expected, text, StringComparison.Ordinal));
            folded += ReferenceEquals(actual, text) ? 0 : 1;
        }

        Assert.True(folded > 5_000 && folded < Texts - 5_000, $"{folded} texts with something to fold");
    }

    [Theory]
    [InlineData("Jane (at) linkedin.com/in/jane", true)]
    [InlineData("see LINKEDIN.COM/in/jane", true)]
    [InlineData("jane.github.io", true)]
    [InlineData(".github.io", true)]
    [InlineData("t.me/jane", true)]
    [InlineData("jane.doe@example.com", false)]
    [InlineData("github.com", false)] // the check wants "github.com/", as before
    [InlineData("linkedin\u0131.com/", false)] // dotless i: not an ASCII letter
    public void The_profile_host_check_on_examples(string text, bool expected) =>
        Assert.Equal(expected, RegexPiiRedactor.ContainsProfileHost(text));

    [Theory]
    [InlineData("Passport No: X1234567", true)]
    [InlineData("SSN#123-45-6789", true)]
    [InlineData("(ID number 99887766)", true)]
    [InlineData("Candidate: Jane; valid 12345", false)]
    [InlineData("Provide 12345", false)]
    [InlineData("my_id no 12345", false)]
    [InlineData("\u00E9id no 12345", false)]
    [InlineData("1ssn 12345", false)]
    [InlineData("PASSPORTX123", true)]
    [InlineData("x Personalausweisnummer: T22000129", true)]
    public void The_id_label_check_on_examples(string text, bool expected)
    {
        Assert.Equal(expected, RegexPiiRedactor.MayContainIdLabel(text));
        if (!expected)
        {
            Assert.DoesNotMatch(RegexPiiRedactor.LabelledId(), text);
        }
    }

    /// <summary>Random parts: words, street words, profile hosts and id labels in random case, numbers, blanks, punctuation, other scripts.</summary>
    private static string Generate(Random random)
    {
        var builder = new StringBuilder();
        var parts = random.Next(1, 12);
        for (var p = 0; p < parts; p++)
        {
            switch (random.Next(12))
            {
                case 0 or 1:
                    builder.Append(Words[random.Next(Words.Length)]);
                    break;
                case 2:
                    builder.Append(RandomCase(random, StreetWords[random.Next(StreetWords.Length)]));
                    break;
                case 3:
                    builder.Append(RandomCase(random, Corrupt(random, RegexPiiRedactor.ProfileHosts[random.Next(RegexPiiRedactor.ProfileHosts.Count)])));
                    break;
                case 4:
                    builder.Append(RandomCase(random, IdLabels[random.Next(IdLabels.Length)]))
                        .Append(random.Next(3) switch { 0 => ": ", 1 => "#", _ => " " })
                        .Append(random.Next(2) == 0 ? "AB" : string.Empty);
                    AppendNumber(random, builder);
                    break;
                case 5 or 6:
                    AppendNumber(random, builder);
                    break;
                case 7:
                    builder.Append((char)(random.Next(2) == 0 ? 'A' + random.Next(26) : 'a' + random.Next(26)));
                    break;
                case 8:
                    builder.Append(Punctuation[random.Next(Punctuation.Length)]);
                    break;
                case 9:
                    // A stretch of another script (Cyrillic, CJK), sometimes longer than the walk's vectorised steps.
                    var length = random.Next(2) == 0 ? random.Next(1, 5) : random.Next(17, 60);
                    var first = random.Next(2) == 0 ? '\u0430' : '\u4E00';
                    for (var k = 0; k < length; k++)
                    {
                        builder.Append(random.Next(8) == 0 ? (char)(Zeros[random.Next(Zeros.Length)] + random.Next(10)) : (char)(first + random.Next(30)));
                    }

                    break;
                case 10:
                    builder.Append(random.Next(4) switch { 0 => "\u212A", 1 => "\u00E9", 2 => "\u00C9", _ => "\uFF0B" });
                    break;
                default:
                    builder.Append(Blanks[random.Next(Blanks.Length)]);
                    continue;
            }

            builder.Append(Blanks[random.Next(Blanks.Length)]);
        }

        return builder.ToString();
    }

    private static void AppendNumber(Random random, StringBuilder builder)
    {
        var zero = Zeros[random.Next(Zeros.Length)];
        var length = random.Next(1, 8);
        for (var k = 0; k < length; k++)
        {
            builder.Append((char)(zero + random.Next(10)));
        }
    }

    /// <summary>The host, or the host with one character replaced, dropped or doubled (near misses).</summary>
    private static string Corrupt(Random random, string host)
    {
        if (random.Next(3) != 0)
        {
            return host;
        }

        var at = random.Next(host.Length);
        return random.Next(3) switch
        {
            0 => host.Remove(at, 1),
            1 => host.Insert(at, host[at].ToString()),
            _ => host.Remove(at, 1).Insert(at, "x"),
        };
    }

    private static string RandomCase(Random random, string word) => random.Next(5) switch
    {
        0 => word.ToUpperInvariant(),
        1 => word.ToLowerInvariant(),
        2 => string.Concat(word.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))),
        _ => word,
    };

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsAscii(c) && !char.IsControl(c) ? c.ToString() : $"\\u{(int)c:X4}"));

    // The plain forms the pre-checks had before (the oracles).

    private static int IndexOfDigit(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsDigit(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool HasCapitalBeforeDigit(string text)
    {
        for (var at = 0; at < text.Length; at++)
        {
            if (!char.IsAsciiLetterUpper(text[at]))
            {
                continue;
            }

            var next = at + 1 < text.Length && text[at + 1] == ' ' ? at + 2 : at + 1;
            if (next < text.Length && char.IsDigit(text[next]))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly SearchValues<string> StreetWordsExact = SearchValues.Create(RegexPiiRedactor.StreetWordListExact, StringComparison.Ordinal);
    private static readonly SearchValues<string> StreetWordsAnyCase = SearchValues.Create(RegexPiiRedactor.StreetWordListAnyCase, StringComparison.OrdinalIgnoreCase);

    private static bool MayContainStreetAddress(string text)
    {
        for (var comma = text.IndexOf(',', StringComparison.Ordinal); comma >= 0; comma = text.IndexOf(',', comma + 1))
        {
            var k = comma + 1 < text.Length && char.IsWhiteSpace(text[comma + 1]) ? comma + 2 : comma + 1;
            if (k < text.Length && char.IsDigit(text[k]))
            {
                return true;
            }
        }

        return text.Contains('\u212A', StringComparison.Ordinal)
            || HasStreetWord(text, StreetWordsExact, RegexPiiRedactor.StreetWordListExact, StringComparison.Ordinal)
            || HasStreetWord(text, StreetWordsAnyCase, RegexPiiRedactor.StreetWordListAnyCase, StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasStreetWord(string text, SearchValues<string> words, string[] list, StringComparison comparison)
    {
        for (var offset = 0; offset < text.Length;)
        {
            var at = text.AsSpan(offset).IndexOfAny(words);
            if (at < 0)
            {
                return false;
            }

            var start = offset + at;
            if (start == 0 || !char.IsLetter(text[start - 1]))
            {
                var end = start;
                while (end < text.Length && char.IsLetter(text[end]))
                {
                    end++;
                }

                if (list.Any(w => text.AsSpan(start, end - start).Equals(w, comparison)))
                {
                    return true;
                }
            }

            offset = start + 1;
        }

        return false;
    }

    /// <summary>Every character folded, the ASCII ones too (the finder walks only the others).</summary>
    private static string FoldDigits(string text) => string.Concat(text.Select(PhoneNumberFinder.FoldChar));

}
