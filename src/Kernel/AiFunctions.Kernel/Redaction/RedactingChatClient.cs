using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Redaction;

/// <summary>
/// Redacts personal data from every outbound text (see <see cref="IPiiRedactor"/>) and restores the placeholders in
/// the response text, so the caller sees originals and the provider never does. Known names can be passed in
/// <see cref="ChatOptions.AdditionalProperties"/> under <see cref="MessageRedaction.KnownNamesProperty"/>.
/// A JSON answer (<see cref="ChatResponseFormatJson"/>) gets the originals JSON-escaped. The one place the kernel
/// redacts: every route target's pipeline with <c>Redact = true</c>, for route calls and AI functions alike.
/// </summary>
public sealed class RedactingChatClient(IChatClient innerClient, IPiiRedactor redactor) : DelegatingChatClient(innerClient)
{
    /// <summary>
    /// <see cref="ChatResponse.AdditionalProperties"/> key of the number of personal-data items (an <see cref="int"/>)
    /// this layer replaced in the request before it left; present on every non-streamed answer of a redacting route.
    /// </summary>
    public const string RedactedItemsProperty = "aifunctions.redaction.items";

    /// <summary>Longest placeholder held back while streaming, e.g. "[NATIONAL_ID_123]".</summary>
    private const int MaxPlaceholderLength = 24;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (redacted, redaction) = MessageRedaction.Redact(messages, redactor, MessageRedaction.KnownNames(options));
        var response = await base.GetResponseAsync(redacted, options, cancellationToken).ConfigureAwait(false);
        (response.AdditionalProperties ??= [])[RedactedItemsProperty] = redaction.Count;
        if (redaction.Count > 0)
        {
            var json = IsJson(options);
            var answer = response.Messages;
            for (var m = 0; m < answer.Count; m++)
            {
                var contents = answer[m].Contents;
                for (var c = 0; c < contents.Count; c++)
                {
                    if (contents[c] is TextContent text && text.Text is { Length: > 0 })
                    {
                        text.Text = Restore(redaction, text.Text, json);
                    }
                }
            }
        }

        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (redacted, redaction) = MessageRedaction.Redact(messages, redactor, MessageRedaction.KnownNames(options));
        var pending = string.Empty;
        var json = IsJson(options);
        ChatResponseUpdate? lastText = null;
        await foreach (var update in base.GetStreamingResponseAsync(redacted, options, cancellationToken).ConfigureAwait(false))
        {
            if (redaction.Count > 0)
            {
                foreach (var content in update.Contents)
                {
                    if (content is TextContent text)
                    {
                        // A placeholder may be split across updates: hold back an unclosed "[..." until it is complete.
                        var combined = pending + text.Text;
                        var open = combined.LastIndexOf('[');
                        var holdBack = open >= 0 && combined.IndexOf(']', open) < 0 && combined.Length - open <= MaxPlaceholderLength;
                        pending = holdBack ? combined[open..] : string.Empty;
                        text.Text = Restore(redaction, holdBack ? combined[..open] : combined, json);
                        lastText = update;
                    }
                }
            }

            yield return update;
        }

        if (pending.Length > 0)
        {
            yield return new ChatResponseUpdate(lastText?.Role ?? ChatRole.Assistant, Restore(redaction, pending, json))
            {
                ResponseId = lastText?.ResponseId,
                MessageId = lastText?.MessageId,
            };
        }
    }

    /// <summary>A JSON answer (structured output) gets originals escaped as JSON string content, so quotes in them cannot break it.</summary>
    private static bool IsJson(ChatOptions? options) => options?.ResponseFormat is ChatResponseFormatJson;

    private static string Restore(RedactionResult redaction, string text, bool json) =>
        json ? MessageRedaction.RestoreJson(redaction, text) : redaction.Restore(text);
}
