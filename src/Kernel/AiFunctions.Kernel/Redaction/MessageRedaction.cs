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

    /// <summary>Returns redacted copies of the messages (originals untouched) and the placeholder map.</summary>
    public static (List<ChatMessage> Messages, RedactionResult Redaction) Redact(IEnumerable<ChatMessage> messages, IPiiRedactor redactor, IEnumerable<string>? knownNames)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(redactor);
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var texts = new List<string>();
        foreach (var message in list)
        {
            foreach (var content in message.Contents)
            {
                if (content is TextContent text)
                {
                    texts.Add(text.Text ?? string.Empty);
                }
            }
        }

        var redaction = redactor.Redact(string.Join(Separator, texts), knownNames);
        var parts = redaction.Text.Split(Separator);
        if (parts.Length != texts.Count)
        {
            // A custom redactor removed or added separators: redact message by message instead (placeholders may then repeat).
            parts = texts.Select(t => redactor.Redact(t, knownNames).Text).ToArray();
        }

        var result = new List<ChatMessage>(list.Count);
        var i = 0;
        foreach (var message in list)
        {
            var copy = message.Clone();
            copy.Contents = message.Contents.Select(c => c is TextContent ? (AIContent)new TextContent(parts[i++]) : c).ToList();
            result.Add(copy);
        }

        return (result, redaction);
    }

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
