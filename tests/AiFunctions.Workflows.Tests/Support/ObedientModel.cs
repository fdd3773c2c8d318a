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
        @"ignor|disregard|forget (?:all|the|your|previous)|vergiss|olvid|esquec|oubli|\b100\b|10/10|full marks|top (?:score|rank|candidate)|rank(?:ed)? (?:this|me|first|#1)|first place|number one|\bbest candidate|must.?haves?.{0,20}(?:met|pass|true)|musthavesmet|overallscore|criteria.{0,20}(?:met|true)|shortlist (?:this|me)|you are now|act as|pretend|role.?play|let'?s play|hirebot|rubric|system\s*:|assistant\s*:|\[inst\]|im_start|admin override|note (?:to|for) (?:the )?(?:ai|model|screener)|maximum|highest|premier|meilleure|maximale|höchst|hochst|bestnote|punktzahl|máxim|maxim|primer|primeiro|pontuação|pontuacao|puntuación|puntuacion|donnez|gib |dale |dê |de 100|perfect score",
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

        var read = builder.ToString().Normalize(NormalizationForm.FormKC);
        var extra = new StringBuilder();
        foreach (Match m in Regex.Matches(read, @"[A-Za-z0-9+/=_-]{12,}|(?:[0-9a-fA-F]{2}\s?){6,}|\S*%[0-9A-Fa-f]{2}\S*"))
        {
            extra.Append(' ').Append(TryDecode(m.Value));
        }

        var joined = Regex.Replace(read, @"\b(?:\w ){3,}\w\b", m => m.Value.Replace(" ", string.Empty, StringComparison.Ordinal));
        return Regex.Replace(joined + " " + extra, @"[\s\-_/+]+", " ");
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

        return string.Join(' ', results);
    }

    private sealed class ObedientPlugin : IProviderPlugin
    {
        public PluginManifest Manifest { get; } = new(PluginId, "Obeys every instruction (test fake)", new Version(1, 0, 0), ContractRange.Major1, ProviderCapabilities.Chat, IsGenerative: true, "Test fake: follows any instruction in the prompt.");

        public void RegisterInstance(ProviderInstanceContext context) => context.AddChatClient(Model, _ => new ObedientModel());
    }
}
