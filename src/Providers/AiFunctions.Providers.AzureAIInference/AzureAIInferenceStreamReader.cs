using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.AI;

namespace AiFunctions.Providers.AzureAIInference;

/// <summary>
/// Reads an Azure AI model inference chat stream (server-sent events, each <c>data:</c> an OpenAI-shaped
/// <c>chat.completion.chunk</c>, ended by <c>data: [DONE]</c>) into <see cref="ChatResponseUpdate"/>s.
/// </summary>
/// <remarks>
/// Why not the SDK's own enumerator (<c>StreamingResponse&lt;StreamingChatCompletionsUpdate&gt;</c>): in
/// Azure.AI.Inference 1.0.0-beta.5 its SSE loop treats the end of the body as "no event yet" and reads again, forever,
/// when a stream ends without <c>[DONE]</c> (a proxy or a model server closing early), and its reads take no
/// cancellation token, so the caller's token and the kernel's timeout only stop it between events. That is the hang
/// the conformance kit's <c>StreamEndingWithoutCompletion</c> and <c>StreamCutMidway</c> cases exposed. This reader
/// uses <see cref="SseParser"/>: the end of the body ends the enumeration (the kernel's error translation then reports
/// a stream without a finish reason as <see cref="AiFailureReason.Unavailable"/>, never a
/// silently short answer), a dropped connection surfaces as the transport's exception, and every read observes the
/// cancellation token. The SDK still builds, authenticates and sends the request and raises
/// <c>RequestFailedException</c> for error statuses.
/// </remarks>
internal static class AzureAIInferenceStreamReader
{
    private const string Done = "[DONE]";

    /// <summary>The updates of one stream, in order; a chunk that is not a JSON object fails with <see cref="JsonException"/> (MalformedResponse).</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> ReadAsync(Stream body, string instance, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Data.AsSpan().Trim().SequenceEqual(Done))
            {
                yield break;
            }

            if (string.IsNullOrWhiteSpace(item.Data))
            {
                continue;
            }

            yield return Update(item.Data, instance);
        }
    }

    /// <summary>One chunk: the first choice's delta text and finish reason, the id, model, creation time and usage (on the last chunk).</summary>
    internal static ChatResponseUpdate Update(string data, string instance)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a stream chunk is not a JSON object.");
        }

        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            // An error inside a 200 stream (the service gave up, or filtered, after sending headers), classified like an
            // OpenAI-wire error object: a content filter is ContentFiltered (never sent to the next target), quota and
            // context length keep their reasons, anything else is Unavailable. The code only, never the message.
            throw OpenAIWireErrors.ErrorInAnswer(instance, System.Text.Encoding.UTF8.GetBytes(data), AiFailureReason.Unavailable)
                ?? new ProviderException(AiFailureReason.Unavailable, instance, "the stream carried an error event.");
        }

        var contents = new List<AIContent>();
        ChatFinishReason? finish = null;
        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object)
            {
                if (delta.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String)
                {
                    AzureAIInferenceChatClient.ThrowIfRefused(refusal.GetString(), instance);
                }

                if (delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } text)
                {
                    contents.Add(new TextContent(text));
                }
            }

            if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String)
            {
                finish = AzureAIInferenceChatClient.FinishReason(reason.GetString(), instance);
            }
        }

        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            contents.Add(new UsageContent(new UsageDetails
            {
                InputTokenCount = Int(usage, "prompt_tokens"),
                OutputTokenCount = Int(usage, "completion_tokens"),
                TotalTokenCount = Int(usage, "total_tokens"),
            }));
        }

        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = Str(root, "id"),
            ModelId = Str(root, "model"),
            CreatedAt = root.TryGetProperty("created", out var created) && created.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
            FinishReason = finish,
        };
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : null;
}
