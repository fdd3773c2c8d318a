using AiFunctions.Providers.Tests.Conformance.Fakes;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Providers.Tests.Conformance.Wires;

/// <summary>
/// OpenAI chat completions: JSON, SSE chunks ending in <c>data: [DONE]</c>, usage in the last chunk, errors as
/// <c>{"error":{...}}</c>. Content filter: a 200 whose choice finishes with <c>content_filter</c>.
/// </summary>
public class OpenAIWire : ProviderWire
{
    protected override string StreamContentType => "text/event-stream";

    public override bool IsEmbeddingRequest(RecordedRequest request) => request.Path.EndsWith("/embeddings", StringComparison.Ordinal);

    public override bool CarriesJsonSchema(RecordedRequest request) =>
        request.Body.Contains("\"response_format\"", StringComparison.Ordinal) && request.Body.Contains("\"json_schema\"", StringComparison.Ordinal);

    protected override string ChatBody(string content) => Completion(content, "stop");

    protected static string Completion(string content, string finishReason) => Json(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "fake-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = finishReason } },
        usage = new { prompt_tokens = PromptTokens, completion_tokens = CompletionTokens, total_tokens = PromptTokens + CompletionTokens },
    });

    protected override string ToolCallBody(string name, string argumentsJson) => Json(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "fake-model",
        choices = new[]
        {
            new
            {
                index = 0,
                message = new
                {
                    role = "assistant",
                    content = (string?)null,
                    tool_calls = new[] { new { id = "call_1", type = "function", function = new { name, arguments = argumentsJson } } },
                },
                finish_reason = "tool_calls",
            },
        },
        usage = new { prompt_tokens = PromptTokens, completion_tokens = CompletionTokens, total_tokens = PromptTokens + CompletionTokens },
    });

    protected override string StreamStart(string firstChunk) => Chunk(new { role = "assistant", content = firstChunk }, null);

    protected override string StreamChunk(string text) => Chunk(new { content = text }, null);

    protected override string StreamEnd() =>
        Chunk(new { }, "stop")
        + Sse(null, new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = "fake-model",
            choices = Array.Empty<object>(),
            usage = new { prompt_tokens = PromptTokens, completion_tokens = CompletionTokens, total_tokens = PromptTokens + CompletionTokens },
        })
        + "data: [DONE]\n\n";

    protected static string Chunk(object delta, string? finishReason) => Sse(null, new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion.chunk",
        created = 1_700_000_000,
        model = "fake-model",
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    });

    protected override string EmbeddingBody(RecordedRequest request) => Json(new
    {
        @object = "list",
        data = Enumerable.Range(0, InputCount(request, "input")).Select(i => new { @object = "embedding", index = i, embedding = Vector(i) }).ToArray(),
        model = "fake-embedding",
        usage = new { prompt_tokens = PromptTokens, total_tokens = PromptTokens },
    });

    protected override string ErrorBody(int status) => Json(new
    {
        error = new
        {
            message = "fake error",
            type = status switch { 429 => "requests", 401 => "invalid_request_error", >= 500 => "server_error", _ => "invalid_request_error" },
            code = status switch { 429 => "rate_limit_exceeded", 401 => "invalid_api_key", _ => (string?)null },
        },
    });

    protected override Task WriteContentFilterAsync(HttpContext http, RecordedRequest request) =>
        request.IsStreaming
            ? WriteStreamAsync(http, Chunk(new { role = "assistant", content = "" }, "content_filter") + "data: [DONE]\n\n")
            : WriteJsonAsync(http, 200, Completion(string.Empty, "content_filter"));

    private static async Task WriteStreamAsync(HttpContext http, string events)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/event-stream";
        await http.Response.WriteAsync(events, http.RequestAborted).ConfigureAwait(false);
    }
}
