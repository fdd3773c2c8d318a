using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiFunctions.Hosting.Gateway;

/// <summary>
/// Converts between the OpenAI chat wire (<see cref="ChatCompletionRequest"/>, answers and chunks) and
/// Microsoft.Extensions.AI (<see cref="ChatMessage"/>, <see cref="ChatOptions"/>, <see cref="ChatResponse"/>), which is
/// what route clients speak. Tool definitions, tool calls and results, and <c>response_format</c> (json_object and
/// json_schema) pass through unchanged in meaning. Bad input yields an <see cref="OpenAIError"/> naming the member
/// (<c>param</c>) and the fix.
/// </summary>
public static class OpenAIChatMapping
{
    /// <summary>Builds the messages and options of a route call; returns an error for input the wire does not allow.</summary>
    public static OpenAIError? TryBuild(ChatCompletionRequest request, out List<ChatMessage> messages, out ChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        messages = [];
        options = new ChatOptions();
        if (request.Messages is not { Count: > 0 } wireMessages)
        {
            return OpenAIError.BadRequest("messages", "'messages' is required and must hold at least one message.");
        }

        for (var i = 0; i < wireMessages.Count; i++)
        {
            var error = TryMessage(wireMessages[i], i, out var message);
            if (error is not null)
            {
                return error;
            }

            messages.Add(message!);
        }

        return TryOptions(request, options);
    }

    private static OpenAIError? TryMessage(ChatCompletionMessage? wire, int i, out ChatMessage? message)
    {
        message = null;
        if (wire is null)
        {
            var param = Param(i);
            return OpenAIError.BadRequest(param, $"'{param}' is null: send an object with 'role' and 'content'.");
        }

        ChatRole? role = wire.Role switch
        {
            "system" or "developer" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "tool" => ChatRole.Tool,
            _ => null,
        };
        if (role is null)
        {
            var param = Param(i);
            return OpenAIError.BadRequest(param + ".role", $"'{param}.role' must be one of system, developer, user, assistant, tool.");
        }

        // Sized for the common message: one text part (tool calls add to it).
        var contents = new List<AIContent>(1 + (wire.ToolCalls?.Count ?? 0));
        if (role == ChatRole.Tool)
        {
            if (string.IsNullOrEmpty(wire.ToolCallId))
            {
                var param = Param(i);
                return OpenAIError.BadRequest(param + ".tool_call_id", $"'{param}.tool_call_id' is required on tool messages: the id of the tool call this answers.");
            }

            var textError = TryText(wire.Content, i, out var result);
            if (textError is not null)
            {
                return textError;
            }

            contents.Add(new FunctionResultContent(wire.ToolCallId, result));
        }
        else
        {
            var contentError = TryContent(wire.Content, i, role == ChatRole.User, contents);
            if (contentError is not null)
            {
                return contentError;
            }
        }

        if (wire.ToolCalls is { Count: > 0 } calls)
        {
            if (role != ChatRole.Assistant)
            {
                var param = Param(i);
                return OpenAIError.BadRequest(param + ".tool_calls", $"'{param}.tool_calls' is only allowed on assistant messages.");
            }

            for (var c = 0; c < calls.Count; c++)
            {
                var call = calls[c];
                var callParam = $"{Param(i)}.tool_calls[{c}]";
                if (call?.Function?.Name is not { Length: > 0 } name || string.IsNullOrEmpty(call.Id))
                {
                    return OpenAIError.BadRequest(callParam, $"'{callParam}' needs 'id' and 'function.name'.");
                }

                var argsError = TryArguments(call.Function.Arguments, callParam + ".function.arguments", out var arguments);
                if (argsError is not null)
                {
                    return argsError;
                }

                contents.Add(new FunctionCallContent(call.Id, name, arguments));
            }
        }

        message = new ChatMessage(role.Value, contents) { AuthorName = wire.Name };
        return null;
    }

    /// <summary>The <c>param</c> of message <paramref name="i"/>, formatted only for an error.</summary>
    private static string Param(int i) => $"messages[{i}]";

    private static OpenAIError? TryText(JsonElement? content, int i, out string? text)
    {
        text = null;
        if (content is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            text = element.GetString();
            return null;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            var parts = new List<string>();
            foreach (var part in element.EnumerateArray())
            {
                if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.GetString() != "text"
                    || !part.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
                {
                    var param = Param(i);
                    return OpenAIError.BadRequest(param + ".content", $"'{param}.content' parts must be {{\"type\":\"text\",\"text\":\"...\"}} here.");
                }

                parts.Add(value.GetString()!);
            }

            text = string.Concat(parts);
            return null;
        }

        var message = Param(i);
        return OpenAIError.BadRequest(message + ".content", $"'{message}.content' must be a string or an array of content parts.");
    }

    private static OpenAIError? TryContent(JsonElement? content, int i, bool allowImages, List<AIContent> contents)
    {
        if (content is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            contents.Add(new TextContent(element.GetString()));
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            var param = Param(i);
            return OpenAIError.BadRequest(param + ".content", $"'{param}.content' must be a string or an array of content parts.");
        }

        var index = 0;
        foreach (var part in element.EnumerateArray())
        {
            var partParam = $"{Param(i)}.content[{index++}]";
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) ? t.GetString() : null;
            switch (type)
            {
                case "text" when part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String:
                    contents.Add(new TextContent(text.GetString()));
                    break;
                case "image_url" when allowImages && part.TryGetProperty("image_url", out var image)
                                                 && image.ValueKind == JsonValueKind.Object
                                                 && image.TryGetProperty("url", out var url) && url.GetString() is { Length: > 0 } address:
                    if (address.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                    {
                        try
                        {
                            contents.Add(new DataContent(address));
                        }
                        catch (Exception ex) when (ex is FormatException or ArgumentException)
                        {
                            return OpenAIError.BadRequest(partParam + ".image_url.url", $"'{partParam}.image_url.url' is not a valid data URI (data:<media type>;base64,<data>).");
                        }
                    }
                    else if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                    {
                        contents.Add(new UriContent(uri, "image/*"));
                    }
                    else
                    {
                        return OpenAIError.BadRequest(partParam + ".image_url.url", $"'{partParam}.image_url.url' must be an http(s) URL or a data URI.");
                    }

                    break;
                default:
                    return OpenAIError.BadRequest(partParam, allowImages
                        ? $"'{partParam}' must be a text part or an image_url part."
                        : $"'{partParam}' must be a text part ({{\"type\":\"text\",\"text\":\"...\"}}).");
            }
        }

        return null;
    }

    private static OpenAIError? TryArguments(string? json, string param, out Dictionary<string, object?>? arguments)
    {
        arguments = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            arguments = [];
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return OpenAIError.BadRequest(param, $"'{param}' must be a JSON object text, e.g. \"{{\\\"city\\\":\\\"Oslo\\\"}}\".");
            }

            arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }

            return null;
        }
        catch (JsonException)
        {
            return OpenAIError.BadRequest(param, $"'{param}' is not valid JSON: send the arguments as a JSON object text.");
        }
    }

    private static OpenAIError? TryOptions(ChatCompletionRequest request, ChatOptions options)
    {
        if (request.N is { } n && n != 1)
        {
            return OpenAIError.BadRequest("n", "'n' must be 1: the gateway returns one choice per request.");
        }

        if (request.Temperature is { } temperature && (temperature < 0 || temperature > 2))
        {
            return OpenAIError.BadRequest("temperature", "'temperature' must be between 0 and 2.");
        }

        if (request.TopP is { } topP && (topP < 0 || topP > 1))
        {
            return OpenAIError.BadRequest("top_p", "'top_p' must be between 0 and 1.");
        }

        var maxTokens = request.MaxCompletionTokens ?? request.MaxTokens;
        if (maxTokens is < 1)
        {
            return OpenAIError.BadRequest(request.MaxCompletionTokens is not null ? "max_completion_tokens" : "max_tokens", "The token limit must be at least 1.");
        }

        options.Temperature = request.Temperature;
        options.TopP = request.TopP;
        options.FrequencyPenalty = request.FrequencyPenalty;
        options.PresencePenalty = request.PresencePenalty;
        options.MaxOutputTokens = maxTokens;
        options.Seed = request.Seed;
        options.AllowMultipleToolCalls = request.ParallelToolCalls;

        if (request.Stop is { ValueKind: not JsonValueKind.Null } stop)
        {
            if (stop.ValueKind == JsonValueKind.String)
            {
                options.StopSequences = [stop.GetString()!];
            }
            else if (stop.ValueKind == JsonValueKind.Array && stop.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String))
            {
                options.StopSequences = [.. stop.EnumerateArray().Select(s => s.GetString()!)];
            }
            else
            {
                return OpenAIError.BadRequest("stop", "'stop' must be a string or an array of strings.");
            }
        }

        var toolsError = TryTools(request, options);
        return toolsError ?? TryResponseFormat(request.ResponseFormat, options);
    }

    private static readonly JsonElement EmptyParameters = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private static OpenAIError? TryTools(ChatCompletionRequest request, ChatOptions options)
    {
        if (request.Tools is { Count: > 0 } tools)
        {
            options.Tools = [];
            for (var i = 0; i < tools.Count; i++)
            {
                var tool = tools[i];
                if (tool?.Type != "function" || tool.Function?.Name is not { Length: > 0 } name)
                {
                    return OpenAIError.BadRequest($"tools[{i}]", $"'tools[{i}]' must be {{\"type\":\"function\",\"function\":{{\"name\":...,\"parameters\":{{...}}}}}}.");
                }

                var parameters = tool.Function.Parameters is { ValueKind: JsonValueKind.Object } p ? p : EmptyParameters;
                options.Tools.Add(AIFunctionFactory.CreateDeclaration(name, tool.Function.Description, parameters));
            }
        }

        if (request.ToolChoice is { ValueKind: not JsonValueKind.Null } choice)
        {
            ChatToolMode? mode = choice.ValueKind switch
            {
                JsonValueKind.String => choice.GetString() switch
                {
                    "auto" => ChatToolMode.Auto,
                    "none" => ChatToolMode.None,
                    "required" => ChatToolMode.RequireAny,
                    _ => null,
                },
                JsonValueKind.Object when choice.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object
                                          && f.TryGetProperty("name", out var n) && n.GetString() is { Length: > 0 } required =>
                    ChatToolMode.RequireSpecific(required),
                _ => null,
            };
            if (mode is null)
            {
                return OpenAIError.BadRequest("tool_choice", "'tool_choice' must be \"auto\", \"none\", \"required\" or {\"type\":\"function\",\"function\":{\"name\":...}}.");
            }

            options.ToolMode = mode;
        }

        return null;
    }

    private static OpenAIError? TryResponseFormat(ChatResponseFormatWire? format, ChatOptions options)
    {
        switch (format?.Type)
        {
            case null:
                return null;
            case "text":
                options.ResponseFormat = ChatResponseFormat.Text;
                return null;
            case "json_object":
                options.ResponseFormat = ChatResponseFormat.Json;
                return null;
            case "json_schema" when format.JsonSchema is { Schema: { ValueKind: JsonValueKind.Object } schema } jsonSchema:
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, jsonSchema.Name, jsonSchema.Description);
                if (jsonSchema.Strict is { } strict)
                {
                    (options.AdditionalProperties ??= [])["strictJsonSchema"] = strict;
                }

                return null;
            case "json_schema":
                return OpenAIError.BadRequest("response_format.json_schema.schema", "'response_format.json_schema.schema' must be a JSON schema object.");
            default:
                return OpenAIError.BadRequest("response_format.type", "'response_format.type' must be text, json_object or json_schema.");
        }
    }

    /// <summary>The whole answer as a <c>chat.completion</c>.</summary>
    public static ChatCompletionWire ToWire(ChatResponse response, string model, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? text = null;
        List<ToolCallWire>? calls = null;
        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text: { } t }:
                        text = text is null ? t : text + t;
                        break;
                    case FunctionCallContent call:
                        (calls ??= []).Add(ToWire(call, null));
                        break;
                }
            }
        }

        var finish = FinishReason(response.FinishReason, calls is not null);
        return new ChatCompletionWire(
            ResponseId(response.ResponseId),
            Created(response.CreatedAt, time),
            model,
            [new ChatChoiceWire(0, new AssistantMessageWire(text, calls), finish)],
            ToWire(response.Usage) ?? new UsageWire(0, 0, 0));
    }

    /// <summary>
    /// One streamed update as a chunk (null when it carries nothing the wire shows, e.g. only usage or a finish reason:
    /// the finish reason goes into the stream's last chunk, <see cref="FinishChunk"/>).
    /// </summary>
    public static ChatCompletionChunkWire? ToChunk(ChatResponseUpdate update, string id, long created, string model, bool first, ref int toolIndex)
    {
        ArgumentNullException.ThrowIfNull(update);
        string? text = null;
        List<ToolCallWire>? calls = null;
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text: { Length: > 0 } t }:
                    text = text is null ? t : text + t;
                    break;
                case FunctionCallContent call:
                    (calls ??= []).Add(ToWire(call, toolIndex++));
                    break;
            }
        }

        if (text is null && calls is null && !first)
        {
            return null;
        }

        return new ChatCompletionChunkWire(id, created, model,
            [new ChunkChoiceWire(0, new DeltaWire(first ? "assistant" : null, text ?? (first ? string.Empty : null), calls), null)], null);
    }

    /// <summary>The stream's last choice chunk: the finish reason (with include_usage, a usage chunk follows it).</summary>
    public static ChatCompletionChunkWire FinishChunk(string id, long created, string model, string finishReason) =>
        new(id, created, model, [new ChunkChoiceWire(0, new DeltaWire(null, null, null), finishReason)], null);

    public static ChatCompletionChunkWire UsageChunk(string id, long created, string model, UsageDetails? usage) =>
        new(id, created, model, [], ToWire(usage) ?? new UsageWire(0, 0, 0));

    public static UsageWire? ToWire(UsageDetails? usage)
    {
        if (usage is null)
        {
            return null;
        }

        var input = usage.InputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        return new UsageWire(input, output, usage.TotalTokenCount ?? input + output,
            usage.CachedInputTokenCount is { } cached ? new PromptTokensDetailsWire(cached) : null);
    }

    public static string FinishReason(ChatFinishReason? reason, bool hasToolCalls) =>
        reason == ChatFinishReason.Length ? "length"
        : reason == ChatFinishReason.ToolCalls || (reason is null && hasToolCalls) ? "tool_calls"
        : reason == ChatFinishReason.ContentFilter ? "content_filter"
        : "stop";

    public static string ResponseId(string? id) => id is { Length: > 0 } ? id : "chatcmpl-" + Guid.NewGuid().ToString("N");

    public static long Created(DateTimeOffset? createdAt, TimeProvider time) => (createdAt ?? time.GetUtcNow()).ToUnixTimeSeconds();

    private static ToolCallWire ToWire(FunctionCallContent call, int? index) => new()
    {
        Index = index,
        Id = call.CallId,
        Type = "function",
        Function = new FunctionCallWire
        {
            Name = call.Name,
            Arguments = call.Arguments is null
                ? "{}"
                : JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))),
        },
    };
}
