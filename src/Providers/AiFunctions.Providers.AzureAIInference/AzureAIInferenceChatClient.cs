using System.Text.Json;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using Azure.AI.Inference;
using Microsoft.Extensions.AI;
using ChatRole = Microsoft.Extensions.AI.ChatRole;

namespace AiFunctions.Providers.AzureAIInference;

/// <summary>
/// <see cref="IChatClient"/> over Azure.AI.Inference's <see cref="ChatCompletionsClient"/> (no M.E.AI adapter for this SDK
/// is served here): system, user and assistant text messages; Temperature, MaxOutputTokens, TopP, Seed and stop
/// sequences; JSON-schema output as <c>response_format: json_schema</c>; usage and the finish reason, answered whole or
/// streamed (server-sent events read by <see cref="AzureAIInferenceStreamReader"/>; usage on the last chunk). Tool calls are not offered by this plugin version and fail
/// with <see cref="AiFailureReason.NotSupported"/>. A stream that ends without a finish reason is caught by the error
/// translation layer (never a silently short answer).
/// </summary>
internal sealed class AzureAIInferenceChatClient(ChatCompletionsClient client, string model, string instance) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = Request(messages, options);
        var answer = await client.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        ThrowIfRefused(Refusal(answer.GetRawResponse().Content), instance);
        var completions = answer.Value;
        // The SDK reads the first choice; an answer without one throws a read exception, which the error translation
        // turns into MalformedResponse.
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, completions.Content ?? string.Empty))
        {
            ResponseId = completions.Id,
            ModelId = completions.Model,
            CreatedAt = completions.Created,
            FinishReason = FinishReason(completions.FinishReason),
        };
        if (completions.Usage is { } usage)
        {
            response.Usage = new UsageDetails
            {
                InputTokenCount = usage.PromptTokens,
                OutputTokenCount = usage.CompletionTokens,
                TotalTokenCount = usage.TotalTokens,
            };
        }

        return response;
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = Request(messages, options);

        // The SDK sends the request (and throws RequestFailedException for an error status); the body is read by
        // AzureAIInferenceStreamReader, not by the SDK's enumerator, which never ends on a stream cut short (see there).
        using var streaming = await client.CompleteStreamingAsync(request, cancellationToken).ConfigureAwait(false);
        var body = streaming.GetRawResponse().ContentStream
            ?? throw ProviderErrors.Malformed(instance, "a streamed answer without a body");
        await using var _ = body.ConfigureAwait(false);
        await foreach (var update in AzureAIInferenceStreamReader.ReadAsync(body, instance, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("azure.ai.inference", null, model)
        : null;

    public void Dispose()
    {
    }

    /// <summary>The SDK request for the call; tools are refused (NotSupported) before anything is sent.</summary>
    private ChatCompletionsOptions Request(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.Tools is { Count: > 0 })
        {
            throw new ProviderException(AiFailureReason.NotSupported, instance,
                "the Azure AI Inference plugin (1.0) does not offer tool calls; route calls with tools to a target whose plugin supports them.");
        }

        var request = new ChatCompletionsOptions(messages.Select(Map).ToList())
        {
            Model = model,
            Temperature = options?.Temperature,
            MaxTokens = options?.MaxOutputTokens,
            NucleusSamplingFactor = options?.TopP,
            Seed = options?.Seed,
        };
        foreach (var stop in options?.StopSequences ?? [])
        {
            request.StopSequences.Add(stop);
        }

        request.ResponseFormat = options?.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => ChatCompletionsResponseFormat.CreateJsonFormat(
                json.SchemaName ?? "output", SchemaProperties(schema), json.SchemaDescription, null),
            ChatResponseFormatJson => new ChatCompletionsResponseFormatJsonObject(),
            _ => null,
        };

        return request;
    }

    private ChatRequestMessage Map(ChatMessage message)
    {
        var text = message.Text ?? string.Empty;
        if (message.Role == ChatRole.System)
        {
            return new ChatRequestSystemMessage(text);
        }

        if (message.Role == ChatRole.User)
        {
            return new ChatRequestUserMessage(text);
        }

        if (message.Role == ChatRole.Assistant)
        {
            return new ChatRequestAssistantMessage(text);
        }

        throw new ProviderException(AiFailureReason.NotSupported, instance, $"the Azure AI Inference plugin (1.0) sends system, user and assistant messages only, not '{message.Role}'.");
    }

    /// <summary>The first choice's <c>message.refusal</c> of a whole answer's body (the SDK's model does not carry it); null when absent or unreadable.</summary>
    private static string? Refusal(BinaryData? body)
    {
        if (body is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToMemory());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                && choices[0].ValueKind == JsonValueKind.Object
                && choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("refusal", out var refusal) && refusal.ValueKind == JsonValueKind.String
                ? refusal.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null; // the SDK's own read of the body reports it as malformed
        }
    }

    /// <summary>The SDK takes a JSON schema as its top-level properties, each as raw JSON.</summary>
    private static Dictionary<string, BinaryData> SchemaProperties(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
            ? schema.EnumerateObject().ToDictionary(p => p.Name, p => BinaryData.FromString(p.Value.GetRawText()), StringComparer.Ordinal)
            : new Dictionary<string, BinaryData>(StringComparer.Ordinal);

    private ChatFinishReason? FinishReason(CompletionsFinishReason? reason) => reason is { } value ? FinishReason(value.ToString(), instance) : null;

    /// <summary>
    /// The wire's finish reason: <c>stop</c>, <c>length</c>, <c>content_filter</c>, <c>tool_calls</c>; any other value
    /// (a server's own, e.g. <c>eos</c>) is a malformed answer (MalformedResponse, transient: the route fails over; after
    /// streamed content the route reports StreamInterrupted with this cause), as the OpenAI-family plugins treat it, never
    /// a silently accepted one. The value is not copied into the message (provider text never is).
    /// </summary>
    internal static ChatFinishReason? FinishReason(string? reason, string instance) => reason switch
    {
        null or "" => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "content_filter" => ChatFinishReason.ContentFilter,
        "tool_calls" => ChatFinishReason.ToolCalls,
        _ => throw ProviderErrors.Malformed(instance, "the answer ended with an unknown finish_reason (not stop, length, content_filter or tool_calls)"),
    };

    /// <summary>An OpenAI-style refusal (<c>message.refusal</c> or <c>delta.refusal</c>) is the model refusing: ContentFiltered, never repaired or retried.</summary>
    internal static void ThrowIfRefused(string? refusal, string instance)
    {
        if (!string.IsNullOrWhiteSpace(refusal))
        {
            throw ProviderErrors.ContentFiltered(instance, "the model refused (refusal)");
        }
    }
}
