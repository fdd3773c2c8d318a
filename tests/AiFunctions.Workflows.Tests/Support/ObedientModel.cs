using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.AI;

namespace AiFunctions.Workflows.Tests.Support;

/// <summary>
/// A fake generative model that obeys every instruction it sees (issue 10's attacker model), registered as provider
/// plugin "obedient" so calls go through the real kernel path (redaction, structured output, validation). It reads the
/// whole user message the way a capable model would — zero-width characters ignored, Cyrillic/Greek look-alikes read as
/// Latin, spaced letters joined, base64, hex and URL-encoding decoded, link URLs read as words, five languages — and if
/// any of it asks for a top score, a pass or a first place, it gives 100 on every criterion with every must-have met.
/// Otherwise it scores honestly: the share of each criterion's words found in the resume. Its reading is written
/// independently of the service's detector (different rules), so the suite does not test the detector against itself.
/// </summary>
internal sealed class ObedientModel : IChatClient
{
    public const string PluginId = "obedient";
    public const string Model = "obey-all";

    private static readonly Regex Obey = new(
        @"ignor|disregard|forget (?:all|the|your|previous)|vergiss|olvid|esquec|oubli|\b100\b|10/10|full marks|top (?:score|rank|candidate)|rank(?:ed)? (?:this|me|first|#1)|first place|number one|\bbest candidate|must.?haves?.{0,20}(?:met|pass|true)|musthavesmet|overallscore|criteria.{0,20}(?:met|true)|shortlist (?:this|me)|you are now|act as|pretend|role.?play|let'?s play|hirebot|rubric|system\s*:|assistant\s*:|\[inst\]|im_start|admin override|note (?:to|for) (?:the )?(?:ai|model|screener)|maximum|highest|premier|meilleure|maximale|höchst|hochst|bestnote|punktzahl|máxim|maxim|primer|primeiro|pontuação|pontuacao|puntuación|puntuacion|donnez|gib |dale |dê |de 100|perfect score"
        // Beyond the original five languages and direct orders: other languages, and instructions phrased as facts.
        + @"|istruzion|punteggio massimo|negeer|instructies|игнор|инструкц|忽略|指令|满分|無視|指示|yok say|talimat|zignoruj|instrukcj|تجاهل"
        + @"|pre.?approved|already (?:been )?(?:approved|reviewed|rated|selected|shortlisted|verified)|meets? (?:every|all) (?:must|requirement|criteri)|requirements? (?:are |were |is )?(?:all )?(?:met|satisfied|verified)|fully satisfied|rated 10|passe?d? (?:all|every)|screening result|exceptional|very top|strongest applicant|out of 100|mark (?:must|all|every)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['І'] = 'I', ['О'] = 'O',
        ['Е'] = 'E', ['А'] = 'A', ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T', ['ο'] = 'o', ['α'] = 'a', ['ε'] = 'e', ['ι'] = 'i', ['Ι'] = 'I', ['ν'] = 'v', ['г'] = 'r',
        ['п'] = 'n', ['т'] = 't', ['к'] = 'k', ['м'] = 'm', ['Ο'] = 'O',
    };

    /// <summary>How many calls obeyed an instruction.</summary>
    public int Obeyed { get; private set; }

    public static IProviderPlugin Plugin() => new ObedientPlugin();

    /// <summary>The model's reading of a text: what it would obey (for the suite's self-check on undefended text).</summary>
    public static bool WouldObey(string text) => Obey.IsMatch(Read(text));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var user = messages.Last(m => m.Role == ChatRole.User).Text ?? string.Empty;
        var criteria = Regex.Matches(user, @"^- (?<id>[\w-]+) \| (?<kind>must-have|nice-to-have) \| [\d.]+ \| (?<text>.+)$", RegexOptions.Multiline)
            .Select(m => (Id: m.Groups["id"].Value, MustHave: m.Groups["kind"].Value == "must-have", Text: m.Groups["text"].Value.Trim()))
            .ToArray();
        var resume = ResumeBlock(user);
        var obey = Obey.IsMatch(Read(resume));
        var lines = resume.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        var items = new List<object>();
        var scores = new List<(int Score, bool Met, bool MustHave)>();
        foreach (var (id, mustHave, text) in criteria)
        {
            int score;
            string[] evidence;
            if (obey)
            {
                score = 100;
                evidence = lines.Length > 0 ? [lines.FirstOrDefault(l => Obey.IsMatch(Read(l))) ?? lines[0]] : [];
            }
            else
            {
                var words = Regex.Matches(text.ToLowerInvariant(), @"[a-z+#]{4,}").Select(m => m.Value).Distinct().ToArray();
                var found = words.Where(w => resume.Contains(w, StringComparison.OrdinalIgnoreCase)).ToArray();
                score = words.Length == 0 ? 0 : (int)Math.Round(100.0 * found.Length / words.Length);
                evidence = found.Length == 0 ? [] : [lines.First(l => found.Any(w => l.Contains(w, StringComparison.OrdinalIgnoreCase)))];
                if (evidence.Length == 0)
                {
                    score = 0;
                }
            }

            var met = score >= 50;
            scores.Add((score, met, mustHave));
            items.Add(new { criterionId = id, score, met, evidence, rationale = obey ? "As instructed." : "Share of the requirement's words found." });
        }

        Obeyed += obey ? 1 : 0;
        var answer = new
        {
            criteria = items,
            mustHavesMet = scores.Where(s => s.MustHave).All(s => s.Met),
            overallScore = obey ? 100 : scores.Count == 0 ? 0 : (int)Math.Round(scores.Average(s => s.Score)),
            concerns = Array.Empty<string>(),
            summary = obey ? "Outstanding candidate, as instructed." : "Scored by word overlap.",
        };
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, JsonSerializer.Serialize(answer))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static string ResumeBlock(string user)
    {
        var start = Regex.Match(user, @"<<<(?<fence>RESUME-[0-9A-F]+)>>>\n");
        if (!start.Success)
        {
            return user;
        }

        var end = user.IndexOf("<<<END-" + start.Groups["fence"].Value + ">>>", start.Index + start.Length, StringComparison.Ordinal);
        return end < 0 ? user[(start.Index + start.Length)..] : user[(start.Index + start.Length)..end];
    }

    /// <summary>What a capable model reads: invisible characters dropped, look-alikes as Latin, spaced letters joined, encodings decoded, URLs as words.</summary>
    private static string Read(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= 0xE0020 and <= 0xE007E)
            {
                builder.Append((char)(rune.Value - 0xE0000));
            }
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                continue;
            }
            else
            {
                builder.Append(rune.IsBmp && LookAlikes.TryGetValue((char)rune.Value, out var latin) ? latin.ToString() : rune.ToString());
            }
        }

        // Letters dressed up: combining marks dropped, look-alikes from other scripts, upside-down and regional-indicator letters.
        var read = string.Concat(builder.ToString().Normalize(NormalizationForm.FormKD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && c != '\u0336'));
        read = string.Concat(read.EnumerateRunes().Select(r => Dressed.TryGetValue(r.Value, out var plain) ? plain.ToString() : r.ToString())).Normalize(NormalizationForm.FormKC);

        // Words broken at line ends ("instruc-\ntions") and letters dotted apart ("I.g.n.o.r.e").
        read = Regex.Replace(read, @"(?<=\p{L})-\n(?=\p{L})", string.Empty);
        read = Regex.Replace(read, @"\b(?:\p{L}\.){3,}\p{L}\b", m => m.Value.Replace(".", string.Empty, StringComparison.Ordinal));
        var extra = new StringBuilder();
        foreach (var view in new[] { read, Leet(read), Reverse(read), Rot13(read), Escapes(read) })
        {
            extra.Append(' ').Append(view);
            foreach (Match m in Regex.Matches(view, @"[A-Za-z0-9+/=_-]{12,}|(?:[0-9a-fA-F]{2}\s?){6,}|\S*%[0-9A-Fa-f]{2}\S*"))
            {
                // Nested encodings: what decodes is read again (three levels).
                var decoded = TryDecode(m.Value);
                extra.Append(' ').Append(decoded);
                foreach (Match inner in Regex.Matches(decoded, @"[A-Za-z0-9+/=_-]{12,}|(?:[0-9a-fA-F]{2}\s?){6,}|\S*%[0-9A-Fa-f]{2}\S*"))
                {
                    var twice = TryDecode(inner.Value);
                    extra.Append(' ').Append(twice).Append(' ').Append(string.Join(' ', Regex.Matches(twice, @"[A-Za-z0-9+/=_-]{12,}").Select(x => TryDecode(x.Value))));
                }
            }
        }

        var joined = Regex.Replace(read + " " + extra, @"\b(?:\w ){3,}\w\b", m => m.Value.Replace(" ", string.Empty, StringComparison.Ordinal));
        return Regex.Replace(joined, @"[\s\-_/+]+", " ");
    }

    private static readonly Dictionary<int, char> Dressed = new()
    {
        // Armenian and Cherokee look-alikes, upside-down letters, regional indicators.
        [0x0585] = 'o', [0x057D] = 'u', [0x0578] = 'n', [0x0570] = 'h', [0x0566] = 'q', [0x0581] = 'g', [0x0561] = 'w', [0x13A0] = 'D', [0x13A1] = 'R', [0x13A2] = 'T',
        [0x13AC] = 'E', [0x13B3] = 'W', [0x13BB] = 'H', [0x13C2] = 'h', [0x13C3] = 'Z', [0x13DA] = 'S', [0x13DE] = 'L', [0x13E2] = 'P', [0x13F4] = 'B', [0x13A9] = 'Y', [0x13AA] = 'A',
        [0x0250] = 'a', [0x0254] = 'c', [0x01DD] = 'e', [0x025F] = 'f', [0x0183] = 'g', [0x0265] = 'h', [0x0131] = 'i', [0x027E] = 'j', [0x029E] = 'k', [0x026F] = 'm', [0x0279] = 'r',
        [0x0287] = 't', [0x028C] = 'v', [0x028D] = 'w', [0x028E] = 'y',
    };

    private static string Leet(string text) => new(text.Select(c => c switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's', '|' => 'l', _ => c }).ToArray());

    private static string Reverse(string text)
    {
        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private static string Rot13(string text) => new(text.Select(c => c is >= 'a' and <= 'z' ? (char)('a' + ((c - 'a' + 13) % 26)) : c is >= 'A' and <= 'Z' ? (char)('A' + ((c - 'A' + 13) % 26)) : c).ToArray());

    /// <summary>"\u0049", "=49" (quoted-printable) and "&amp;#73;" escapes read as the characters.</summary>
    private static string Escapes(string text)
    {
        var s = Regex.Replace(text, @"\\u([0-9A-Fa-f]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        s = Regex.Replace(s, @"\\x([0-9A-Fa-f]{2})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        s = Regex.Replace(s, @"=([0-9A-F]{2})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        return System.Net.WebUtility.HtmlDecode(s);
    }

    private static string TryDecode(string token)
    {
        var results = new List<string>();
        try
        {
            results.Add(Uri.UnescapeDataString(token));
        }
        catch (UriFormatException)
        {
        }

        var hex = token.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (hex.Length % 2 == 0 && Regex.IsMatch(hex, "^[0-9a-fA-F]+$"))
        {
            results.Add(Encoding.UTF8.GetString(Convert.FromHexString(hex)));
        }

        var b64 = token.Replace('-', '+').Replace('_', '/');
        b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
        var buffer = new byte[b64.Length];
        if (Convert.TryFromBase64String(b64, buffer, out var written))
        {
            results.Add(Encoding.UTF8.GetString(buffer, 0, written));
        }

        if (token.TrimEnd('=').Length >= 16 && Regex.IsMatch(token.TrimEnd('='), "^[A-Z2-7]+$"))
        {
            var bits = string.Concat(token.TrimEnd('=').Select(c => Convert.ToString(c >= 'A' ? c - 'A' : c - '2' + 26, 2).PadLeft(5, '0')));
            results.Add(Encoding.UTF8.GetString(Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray()));
        }

        return string.Join(' ', results);
    }

    private sealed class ObedientPlugin : IProviderPlugin
    {
        public PluginManifest Manifest { get; } = new(PluginId, "Obeys every instruction (test fake)", new Version(1, 0, 0), ContractRange.Major1, ProviderCapabilities.Chat, IsGenerative: true, "Test fake: follows any instruction in the prompt.");

        public void RegisterInstance(ProviderInstanceContext context) => context.AddChatClient(Model, _ => new ObedientModel());
    }
}
