using AiFunctions.Providers.Tests.Conformance.Fakes;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Providers.Tests.Conformance.Wires;

/// <summary>
/// Anthropic Messages API: <c>POST /v1/messages</c>, JSON or an SSE event stream (message_start … message_stop),
/// errors as <c>{"type":"error","error":{"type":...}}</c>, refusal as <c>stop_reason: "refusal"</c>. No embeddings.
/// </summary>
public sealed class AnthropicWire : ProviderWire
{
    protected override string StreamContentType => "text/event-stream";

    public override bool IsEmbeddingRequest(RecordedRequest request) => false;

    public override bool CarriesJsonSchema(RecordedRequest request) =>
        request.Body.Contains("\"output_config\":{\"format\":{\"type\":\"json_schema\"", StringComparison.Ordinal);

    protected override string ChatBody(string content) => Message(content, "end_turn");

    private static string Message(string content, string stopReason) => Json(new
    {
        id = "msg_fake",
        type = "message",
        role = "assistant",
        model = "fake-model",
        content = new[] { new { type = "text", text = content } },
        stop_reason = stopReason,
        stop_sequence = (string?)null,
        usage = new { input_tokens = PromptTokens, output_tokens = CompletionTokens },
    });

    protected override string ToolCallBody(string name, string argumentsJson) => Json(new
    {
        id = "msg_fake",
        type = "message",
        role = "assistant",
        model = "fake-model",
        content = new[] { new { type = "tool_use", id = "toolu_1", name, input = Parse(argumentsJson) } },
        stop_reason = "tool_use",
        stop_sequence = (string?)null,
        usage = new { input_tokens = PromptTokens, output_tokens = CompletionTokens },
    });

    protected override string StreamStart(string firstChunk) =>
        Sse("message_start", new
        {
            type = "message_start",
            message = new
            {
                id = "msg_fake",
                type = "message",
                role = "assistant",
                model = "fake-model",
                content = Array.Empty<object>(),
                stop_reason = (string?)null,
                stop_sequence = (string?)null,
                usage = new { input_tokens = PromptTokens, output_tokens = 1 },
            },
        })
        + Sse("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } })
        + StreamChunk(firstChunk);

    protected override string StreamChunk(string text) =>
        Sse("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text } });

    protected override string StreamEnd() => StreamFinish("end_turn");

    private static string StreamFinish(string stopReason) =>
        Sse("content_block_stop", new { type = "content_block_stop", index = 0 })
        + Sse("message_delta", new { type = "message_delta", delta = new { stop_reason = stopReason, stop_sequence = (string?)null }, usage = new { output_tokens = CompletionTokens } })
        + Sse("message_stop", new { type = "message_stop" });

    protected override string EmbeddingBody(RecordedRequest request) => throw new NotSupportedException("Anthropic has no embeddings endpoint.");

    protected override string ErrorBody(int status) => Json(new
    {
        type = "error",
        error = new
        {
            type = status switch
            {
                429 => "rate_limit_error",
                401 => "authentication_error",
                403 => "permission_error",
                529 => "overloaded_error",
                >= 500 => "api_error",
                _ => "invalid_request_error",
            },
            message = "fake error",
        },
    });

    protected override async Task WriteContentFilterAsync(HttpContext http, RecordedRequest request)
    {
        if (!request.IsStreaming)
        {
            await WriteJsonAsync(http, 200, Message(string.Empty, "refusal")).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = StreamContentType;
        await http.Response.WriteAsync(StreamStart(string.Empty) + StreamFinish("refusal"), http.RequestAborted).ConfigureAwait(false);
    }
}
