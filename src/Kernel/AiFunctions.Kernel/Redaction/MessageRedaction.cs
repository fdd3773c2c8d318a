using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Redaction;

/// <summary>
/// Redacts the text of a whole conversation in one pass, so one value gets one placeholder across all messages
/// (the texts are joined with a separator no pattern crosses), and puts originals back into answers.
/// </summary>
public static class MessageRedaction
{
    /// <summary>ChatOptions.AdditionalProperties key for names the caller knows (string[] or IEnumerable&lt;string&gt;), redacted everywhere.</summary>
    public const string KnownNamesProperty = "aifunctions.redaction.known-names";

    private const char Separator = '\u241E';

    /// <summary>
    /// Returns the messages to send — redacted copies of those whose text changed, the others as they are (originals
    /// are never modified) — and the placeholder map.
    /// </summary>
    public static (List<ChatMessage> Messages, RedactionResult Redaction) Redact(IEnumerable<ChatMessage> messages, IPiiRedactor redactor, IEnumerable<string>? knownNames)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(redactor);
        // Indexed loops over the lists throughout: foreach over an IList allocates a boxed enumerator per list per call.
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var count = 0;
        for (var m = 0; m < list.Count; m++)
        {
            var contents = list[m].Contents;
            for (var c = 0; c < contents.Count; c++)
            {
                count += contents[c] is TextContent ? 1 : 0;
            }
        }

        var texts = new string[count];
        count = 0;
        for (var m = 0; m < list.Count; m++)
        {
            var contents = list[m].Contents;
            for (var c = 0; c < contents.Count; c++)
            {
                if (contents[c] is TextContent text)
                {
                    texts[count++] = text.Text ?? string.Empty;
                }
            }
        }

        var joined = string.Join(Separator, texts);
        var redaction = redactor.Redact(joined, knownNames);
        if (ReferenceEquals(redaction.Text, joined) || string.Equals(redaction.Text, joined, StringComparison.Ordinal))
        {
            // Nothing found: the caller's messages go out as they are (nothing to copy).
            return (list as List<ChatMessage> ?? [.. list], redaction);
        }

        // The redacted text's segments between separators, as ranges: only a segment that changed becomes a string.
        var redactedText = redaction.Text;
        var ranges = new (int Start, int Length)[texts.Length];
        string[]? fallback = null;
        if (CountSeparators(redactedText) != texts.Length - 1)
        {
            // A custom redactor removed or added separators: redact message by message instead (placeholders may then repeat).
            fallback = RedactEach(texts, redactor, knownNames);
        }
        else
        {
            var from = 0;
            for (var k = 0; k < ranges.Length; k++)
            {
                var at = redactedText.IndexOf(Separator, from);
                var end = at < 0 ? redactedText.Length : at;
                ranges[k] = (from, end - from);
                from = end + 1;
            }
        }

        var result = new List<ChatMessage>(list.Count);
        var i = 0;
        for (var m = 0; m < list.Count; m++)
        {
            // A message whose texts did not change is passed on as it is; only changed ones are copied.
            var message = list[m];
            var contents = message.Contents;
            var first = i;
            var changed = false;
            for (var c = 0; c < contents.Count; c++)
            {
                if (contents[c] is TextContent)
                {
                    changed |= !Unchanged(texts, redactedText, ranges, fallback, i++);
                }
            }

            if (!changed)
            {
                result.Add(message);
                continue;
            }

            i = first;
            var copy = message.Clone();
            var copied = new List<AIContent>(contents.Count);
            for (var c = 0; c < contents.Count; c++)
            {
                copied.Add(contents[c] is TextContent ? new TextContent(Part(redactedText, ranges, fallback, i++)) : contents[c]);
            }

            copy.Contents = copied;
            result.Add(copy);
        }

        return (result, redaction);
    }

    private static string[] RedactEach(string[] texts, IPiiRedactor redactor, IEnumerable<string>? knownNames)
    {
        var each = new string[texts.Length];
        for (var k = 0; k < texts.Length; k++)
        {
            each[k] = redactor.Redact(texts[k], knownNames).Text;
        }

        return each;
    }

    private static string Part(string redacted, (int Start, int Length)[] ranges, string[]? fallback, int index) =>
        fallback is not null ? fallback[index] : redacted.Substring(ranges[index].Start, ranges[index].Length);

    private static bool Unchanged(string[] texts, string redacted, (int Start, int Length)[] ranges, string[]? fallback, int index) =>
        fallback is not null
            ? string.Equals(fallback[index], texts[index], StringComparison.Ordinal)
            : redacted.AsSpan(ranges[index].Start, ranges[index].Length).SequenceEqual(texts[index]);

    private static int CountSeparators(string text) => text.AsSpan().Count(Separator);

    /// <summary>Puts originals back into a JSON document, escaping them as JSON string content.</summary>
    public static string RestoreJson(RedactionResult redaction, string json)
    {
        ArgumentNullException.ThrowIfNull(redaction);
        ArgumentNullException.ThrowIfNull(json);
        var result = json;
        foreach (var (placeholder, original) in redaction.Placeholders)
        {
            if (result.Contains(placeholder, StringComparison.Ordinal))
            {
                result = result.Replace(placeholder, JsonEncodedText.Encode(original, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(), StringComparison.Ordinal);
            }
        }

        return result;
    }

    internal static IEnumerable<string>? KnownNames(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(KnownNamesProperty, out var value) == true ? value as IEnumerable<string> : null;
}
