using System.Text;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Tests.Oracle;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

/// <summary>
/// The pre-check rewrite (1cbe3e0..bf9f80d) claims the same detection as before. These tests run the redactor of
/// main@b61b429 (copied into Oracle/ as a test-only oracle) and the current one over hostile generated texts (case and
/// Unicode tricks: long s, dotless/dotted i, KELVIN SIGN, fullwidth letters and digits, other scripts' digits,
/// combining marks, zero-width characters, soft hyphens, NBSP and other spaces, the message separator, unicode dashes;
/// street words and labels at the text's edges; long texts; only non-ASCII) and assert the current one redacts every
/// text as the old one did (or more, with none of the old originals left): a pre-check that says "no" where the old code ran its pattern lets personal
/// data through.
/// </summary>
public sealed class RedactionDifferentialTests
{
    private static readonly RegexPiiRedactor Current = new();
    private static readonly OldRegexPiiRedactor Old = new();

    /// <summary>Personal data the patterns know, in the forms a resume writes them.</summary>
    private static readonly string[] Pii =
    [
        "SSN: 123-45-6789", "123-45-6789", "ssn 123456789", "Passport No: X1234567", "passport AB1234567", "national id 12345678",
        "National Insurance number AB123456C", "social security number 123456789", "tax id 12-3456789", "Personalausweis T22000129",
        "personal id number 998877", "ID no. 55443322", "id number: 7788", "123 Main Street", "42 elm street", "4821 Oak Hollow Trail",
        "PO Box 123", "Postfach 4411", "12 rue de la Paix,", "Calle Mayor 5", "Rua Augusta 100", "IL 62704", "Springfield, IL 62704",
        ", 75002 Paris", "9 Baker St", "77 Sunset Boulevard", "Caixa Postal 55", "Boîte Postale 12", "Apartado Postal 77",
        "linkedin.com/in/jane-doe", "https://github.com/jdoe", "jane.github.io", "x.com/jdoe", "threads.net/@jane", "jane.substack.com",
        "medium.com/@jane", "stackoverflow.com/users/123", "tiktok.com/@jane", "facebook.com/jane.doe", "kaggle.com/jane", "codepen.io/jane",
        "bsky.app/profile/jane", "t.me/jane", "wa.me/15551234567", "huggingface.co/jane", "bitbucket.org/jane", "behance.net/jane",
        "+44 20 7946 0958", "(415) 555-2671", "Tel 5550100999", "0044 20 7946 0958", "Phone: 555-0100", "+49 30 901820", "030 901820",
        "+1 415 555 2671", "06 12 34 56 78", "+33 6 12 34 56 78", "SW1A 1AA", "AB 12 34 56 C", "DOB: 01/02/1990", "born 3 March 1985",
        "Musterstraße 12", "Hauptweg 4a", "Address: 5 Elm Road, Leeds", "jane(at)example(dot)com", "jane.doe@example.com",
        "SSN#: 123456789", "(SSN 123-45-6789)", "ssn:123456789", "Passport: X1234567.", "passport-no 123456", "national\u00A0id\u00A0123456",
        "Tax ID #12-3456789;", "ID number:A12345678", "1-800-555-0199", "+91 98765 43210", "+55 11 91234-5678", "+52 55 1234 5678",
        "020 7946 0958", "07700 900123", "+61 2 9876 5432", "tel:+14155552671", "415.555.2671", "(0)20 7946 0958", "Street 12",
        "12 Main St.", "1600 Pennsylvania Avenue NW", "Flat 3, 10 Downing Street", "CA 94105-1234", "N1 9GU", "EC1A 1BB",
    ];

    private static readonly string[] Fillers =
    [
        "", " ", "Led a team of 5 engineers.", "\u241E", "résumé", "Zürich", "naïve café", "履歴書 職務経歴", "Опыт работы 2019",
        "السيرة الذاتية", "प्रोफ़ाइल", "ประวัติ", "Candidate", "Main", "on-call", "\n", "C#, SQL", "2019-2023",
    ];

    private static readonly char[][] DigitScripts =
    [
        ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
        [.. "０１２３４５６７８９"], [.. "٠١٢٣٤٥٦٧٨٩"], [.. "۰۱۲۳۴۵۶۷۸۹"], [.. "०१२३४५६७८९"], [.. "๐๑๒๓๔๕๖๗๘๙"], [.. "০১২৩৪৫৬৭৮৯"],
    ];

    private static readonly string[] Spaces = [" ", "\u00A0", "\u2009", "\u202F", "\u3000", "\t", "\u2002", "\u241E", "  "];
    private static readonly string[] Dashes = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uFF0D", "\u00AD"];
    private static readonly string[] Invisible = ["\u200B", "\u200C", "\u200D", "\u00AD", "\u2060", "\uFEFF", "\u0301", "\u0308"];

    /// <summary>Characters the fuzz kind drops anywhere: the pre-checks' own anchors and look-alikes of them.</summary>
    private static readonly string[] Hostile =
    [
        "-", ",", ", ", ".", "@", "/", ":", "#", "_", "(", "A", "Z", "0", "9", "٣", "３", " ", "\u00A0", "\u241E", "\u200D", "\u0301", "\u212A",
        "\u017F", "\u0131", "\u2013", "\u2212", "\n", "St", "ID", "ssn", "box", ".com/", "github.com/", "+",
    ];

    public static TheoryData<string> Kinds => new(["case", "letters", "digits", "separators", "invisible", "edges", "long", "nonascii", "fuzz", "mixed"]);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_current_redactor_redacts_every_generated_text_as_the_old_one_did(string kind)
    {
        const int Inputs = 5_000;
        var random = new Random(kind.GetHashCode(StringComparison.Ordinal) & 0x7FFF_FFFF ^ 2026);
        var failures = new List<string>();
        var redactedByOld = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var text = Generate(random, kind);
            var old = Old.Redact(text);
            var current = Current.Redact(text);
            redactedByOld += old.Placeholders.Count > 0 ? 1 : 0;
            if (!RedactsAtLeastAsMuch(old, current))
            {
                failures.Add($"\"{Escape(text)}\": old \"{Escape(old.Text)}\", current \"{Escape(current.Text)}\"");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Inputs} texts redacted differently:\n{string.Join('\n', failures.Take(15))}");
        Assert.True(redactedByOld > Inputs / 4, $"only {redactedByOld} of {Inputs} texts held anything the old redactor found");
    }

    /// <summary>
    /// Phone-shaped runs (7-15 digits, any of seven scripts, every separator style, led by '+', '00', '0', '8', '(0)'
    /// or a label) under regions whose national prefix for parsing is a plain digit run and regions where it is a
    /// pattern (AR, MX, BR), with only some detectors on (the pre-checks are computed from the settings): attacks the
    /// skipped national-prefix strip and the settings-dependent word search.
    /// </summary>
    [Theory]
    [InlineData("US,GB,DE,FR,IN", true, true)]
    [InlineData("AR,RU,JP,CN,KR,BR,MX,IT", true, false)]
    [InlineData("NL,AU,ES,CA,ZA,NG,PL,SE", false, true)]
    public void Phone_shaped_runs_under_other_regions_and_settings_are_redacted_as_the_old_redactor_did(string regions, bool nationalIds, bool addresses)
    {
        const int Inputs = 4_000;
        var options = new RedactionOptions { PhoneRegions = regions.Split(','), NationalIds = nationalIds, Addresses = addresses };
        var old = new OldRegexPiiRedactor(options);
        var current = new RegexPiiRedactor(options);
        string[] leads = ["", "", "+", "+", "00", "0", "8", "(0)", "Tel ", "Phone: ", "Mobile ", "WhatsApp ", "M: ", "Tél. ", "Handy "];
        string[] separators = ["", " ", "-", ".", "/", "(", ")", " - ", "\u00A0", "\u2009", "\u2013", "\u2212", "\uFF0D", "\u3000"];
        var random = new Random(14_98 + regions.Length);
        var failures = new List<string>();
        var redactedByOld = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var script = DigitScripts[random.Next(3) == 0 ? random.Next(DigitScripts.Length) : 0];
            var builder = new StringBuilder(Fillers[random.Next(Fillers.Length)]).Append(' ').Append(leads[random.Next(leads.Length)]);
            var digits = random.Next(7, 16);
            for (var d = 0; d < digits; d++)
            {
                builder.Append(script[random.Next(10)]);
                if (d < digits - 1 && random.Next(4) == 0)
                {
                    builder.Append(separators[random.Next(separators.Length)]);
                }
            }

            var text = builder.Append(random.Next(2) == 0 ? "" : " " + Mutate(random, Pii[random.Next(Pii.Length)], "case")).ToString();
            var o = old.Redact(text);
            var c = current.Redact(text);
            redactedByOld += o.Placeholders.Values.Count(v => v.Any(char.IsDigit)) > 0 ? 1 : 0;
            if (!RedactsAtLeastAsMuch(o, c))
            {
                failures.Add($"\"{Escape(text)}\": old \"{Escape(o.Text)}\", current \"{Escape(c.Text)}\"");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Inputs} texts redacted differently:\n{string.Join('\n', failures.Take(15))}");
        Assert.True(redactedByOld > Inputs / 4, $"only {redactedByOld} of {Inputs} texts held anything the old redactor found");
    }

    [Theory]
    [InlineData("ſsn: AB123456")]
    [InlineData("paſſport X1234567")]
    [InlineData("ſocial ſecurity number 123456789")]
    [InlineData("perſonal id 998877")]
    [InlineData("12 main ſtreet")]
    [InlineData("4 Oak Hollow traıl")]
    [InlineData("jane.ſubstack.com")]
    [InlineData("threadſ.net/@jane")]
    [InlineData("codepen.ıo/jane")]
    [InlineData("İD no 55443322")]
    [InlineData("ıd number 7788")]
    [InlineData("12 rue de la Paix,")]
    public void Hand_made_case_tricks_are_redacted_as_the_old_redactor_did(string text)
    {
        Assert.Equal(Old.Redact(text).Text, Current.Redact(text).Text);
    }

    /// <summary>
    /// Found by this attack, in the old code too: the profile-URL pattern ignores case the regex way, where KELVIN SIGN
    /// (U+212A) is a 'k', but its pre-check compared hosts ordinally, where it is not, so "faceboo\u212A.com/jane-doe"
    /// (which reads as facebook.com) skipped the pattern and reached the model. Every host with a 'k', every 'k' as
    /// KELVIN SIGN, with and without a scheme, alone and inside a sentence.
    /// </summary>
    [Fact]
    public void Profile_urls_whose_k_is_a_kelvin_sign_are_redacted()
    {
        var hosts = RegexPiiRedactor.ProfileHosts.Where(h => h.Contains('k', StringComparison.Ordinal)).ToList();
        Assert.True(hosts.Count >= 6, $"{hosts.Count} hosts with a 'k'");
        foreach (var host in hosts)
        {
            var kelvin = host.Replace('k', '\u212A');
            var user = host.StartsWith("linkedin", StringComparison.Ordinal) ? "in/janedoe" : "janedoe";
            // A personal host (".substack.com") has the person before it.
            var url = host.StartsWith('.') ? "janedoe" + kelvin + "/p/1" : kelvin + user;
            foreach (var text in new[] { url, "https://" + url, "Portfolio: " + (host.StartsWith('.') ? "" : "www.") + url + " (2019)" })
            {
                var redacted = Current.Redact(text);
                Assert.DoesNotContain("janedoe", redacted.Text, StringComparison.Ordinal);
                Assert.Contains("[PROFILE_URL_1]", redacted.Text, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// Found by this attack, in the old code too: a US SSN written with a Unicode dash (hyphen, non-breaking hyphen,
    /// figure dash, en/em dash, horizontal bar, minus sign, fullwidth hyphen-minus; what word processors put in) was
    /// not redacted ("123\u201345\u20136789"), and after "SSN" only its first three digits were. Every dash, the same
    /// or mixed, alone, labelled and in a sentence.
    /// </summary>
    [Fact]
    public void Ssns_written_with_unicode_dashes_are_redacted()
    {
        string[] dashes = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uFF0D"];
        var count = 0;
        foreach (var first in dashes)
        {
            foreach (var second in dashes)
            {
                foreach (var text in new[] { $"123{first}45{second}6789", $"SSN 123{first}45{second}6789", $"SSN: 123{first}45{second}6789, born in Ohio" })
                {
                    var redacted = Current.Redact(text).Text;
                    Assert.True(!redacted.Contains("6789", StringComparison.Ordinal) && !redacted.Contains("123", StringComparison.Ordinal), $"\"{Escape(text)}\" became \"{Escape(redacted)}\"");
                    count++;
                }
            }
        }

        Assert.Equal(dashes.Length * dashes.Length * 3, count);
    }

    [Fact]
    public void Texts_split_across_messages_are_redacted_as_the_old_redactor_did()
    {
        const int Inputs = 2_000;
        var random = new Random(14_99);
        var failures = new List<string>();
        for (var i = 0; i < Inputs; i++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Generate(random, "case")).ToList();
            // Split one part in the middle, so a label or street word may end one message and its value start the next.
            var cut = random.Next(parts[0].Length + 1);
            parts.Insert(1, parts[0][cut..]);
            parts[0] = parts[0][..cut];
            var messages = parts.Select(p => new ChatMessage(ChatRole.User, p)).ToList();
            var old = MessageRedaction.Redact(messages, Old, null);
            var current = MessageRedaction.Redact(messages, Current, null);
            var o = string.Join("|", old.Messages.Select(m => m.Text));
            var c = string.Join("|", current.Messages.Select(m => m.Text));
            if (!string.Equals(o, c, StringComparison.Ordinal) && !RedactsAtLeastAsMuch(old.Redaction, current.Redaction))
            {
                failures.Add($"\"{Escape(string.Join("|", parts))}\": old \"{Escape(o)}\", current \"{Escape(c)}\"");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Inputs} message lists redacted differently:\n{string.Join('\n', failures.Take(15))}");
    }

    /// <summary>
    /// The same redacted text, or none of the old originals left more often than the old text left it (it may occur
    /// unredacted elsewhere in both, "123" of "123 Main" beside an SSN). Placeholder counts may differ where a gap of
    /// the old code this attack closed now redacts more: a whole URL where the old code found only the phone number in
    /// it (KELVIN SIGN hosts), one whole SSN where the old code took "123" as a labelled id and "6789) 2019" as a phone
    /// (Unicode dashes).
    /// </summary>
    private static bool RedactsAtLeastAsMuch(RedactionResult old, RedactionResult current) =>
        string.Equals(old.Text, current.Text, StringComparison.Ordinal)
        || old.Placeholders.Values.All(v => Occurrences(current.Text, v) <= Occurrences(old.Text, v));

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Generate(Random random, string kind)
    {
        var builder = new StringBuilder();
        var pieces = random.Next(1, 4);
        if (kind == "long")
        {
            builder.Append(string.Concat(Enumerable.Repeat("Led a team; Опыт 履歴 ", random.Next(50, 400))));
        }

        for (var p = 0; p < pieces; p++)
        {
            if (kind != "edges")
            {
                builder.Append(Fillers[random.Next(Fillers.Length)]).Append(Spaces[random.Next(Spaces.Length)]);
            }

            builder.Append(Mutate(random, Pii[random.Next(Pii.Length)], kind));
            if (kind != "edges")
            {
                builder.Append(Spaces[random.Next(Spaces.Length)]).Append(Fillers[random.Next(Fillers.Length)]);
            }
            else if (p < pieces - 1)
            {
                builder.Append(random.Next(2) == 0 ? "\u241E" : "\n");
            }
        }

        if (kind == "nonascii")
        {
            // Every ASCII character as its fullwidth form, or the piece in another script's digits only.
            var chars = builder.ToString().ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (chars[i] is > ' ' and < '\u007F' && random.Next(3) > 0)
                {
                    chars[i] = (char)(chars[i] - 0x21 + 0xFF01);
                }
            }

            return new string(chars);
        }

        return builder.ToString();
    }

    private static string Mutate(Random random, string pii, string kind)
    {
        if (kind == "mixed")
        {
            // Every kind of trick at once, in a random order.
            string[] kinds = ["case", "letters", "digits", "separators", "invisible", "fuzz"];
            foreach (var k in kinds.OrderBy(_ => random.Next()))
            {
                pii = random.Next(2) == 0 ? Mutate(random, pii, k) : pii;
            }

            return pii;
        }

        if (kind == "fuzz")
        {
            // One to three hostile characters dropped in at random places (or replacing one).
            var fuzzed = new StringBuilder(pii);
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var at = random.Next(fuzzed.Length + 1);
                if (at < fuzzed.Length && random.Next(3) == 0)
                {
                    fuzzed.Remove(at, 1);
                }

                fuzzed.Insert(at, Hostile[random.Next(Hostile.Length)]);
            }

            return fuzzed.ToString();
        }

        var builder = new StringBuilder(pii.Length * 2);
        foreach (var c in pii)
        {
            var roll = random.Next(10);
            switch (kind)
            {
                case "case" when char.IsAsciiLetter(c) && roll < 4:
                    builder.Append(roll < 2 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                    break;
                case "letters" when c is 's' or 'S' && roll < 4:
                    builder.Append('\u017F');
                    break;
                case "letters" when c is 'i' && roll < 3:
                    builder.Append('\u0131');
                    break;
                case "letters" when c is 'I' && roll < 3:
                    builder.Append('\u0130');
                    break;
                case "letters" when c is 'k' or 'K' && roll < 5:
                    builder.Append('\u212A');
                    break;
                case "letters" when c is 'a' or 'A' && roll < 2:
                    builder.Append('\u212B');
                    break;
                case "letters" when char.IsAsciiLetter(c) && roll < 2:
                    builder.Append((char)(c - 'A' + '\uFF21'));
                    break;
                case "digits" when char.IsAsciiDigit(c):
                    var script = DigitScripts[roll < 5 ? 0 : random.Next(DigitScripts.Length)];
                    builder.Append(script[c - '0']);
                    break;
                case "separators" when c == ' ':
                    builder.Append(Spaces[random.Next(Spaces.Length)]);
                    break;
                case "separators" when c == '-':
                    builder.Append(Dashes[random.Next(Dashes.Length)]);
                    break;
                case "invisible" when char.IsLetterOrDigit(c) && roll < 2:
                    builder.Append(c).Append(Invisible[random.Next(Invisible.Length)]);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > 300 ? text[..150] + "…" + text[^150..] : text)
        {
            builder.Append(c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return builder.ToString();
    }
}
