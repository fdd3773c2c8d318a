using AiFunctions.Providers.Tests.Conformance.Fakes;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Providers.Tests.Conformance.Wires;

/// <summary>
/// Ollama: <c>POST /api/chat</c> answering JSON or NDJSON (one object per line, the last with <c>done: true</c> and
/// the token counts), <c>POST /api/embed</c>, errors as <c>{"error": "..."}</c>. Ollama has no content filter.
/// </summary>
public sealed class OllamaWire : ProviderWire
{
    protected override string StreamContentType => "application/x-ndjson";

    public override bool HasContentFilterSignal => false;

    public override bool IsEmbeddingRequest(RecordedRequest request) => request.Path.StartsWith("/api/embed", StringComparison.Ordinal);

    public override bool CarriesJsonSchema(RecordedRequest request) =>
        request.Body.Contains("\"format\":{", StringComparison.Ordinal);

    protected override string ChatBody(string content) => Line(content, done: true);

    protected override string ToolCallBody(string name, string argumentsJson) => Json(new
    {
        model = "fake-model",
        created_at = "2026-11-27T00:00:00Z",
        message = new { role = "assistant", content = "", tool_calls = new[] { new { function = new { name, arguments = Parse(argumentsJson) } } } },
        done = true,
        done_reason = "stop",
        prompt_eval_count = PromptTokens,
        eval_count = CompletionTokens,
    });

    protected override string StreamStart(string firstChunk) => Line(firstChunk, done: false) + "\n";

    protected override string StreamChunk(string text) => Line(text, done: false) + "\n";

    protected override string StreamEnd() => Line(string.Empty, done: true) + "\n";

    protected override string MalformedStream => StreamStart("partial") + "{{{ this is not the wire format }}}\n";

    private static string Line(string content, bool done) => done
        ? Json(new
        {
            model = "fake-model",
            created_at = "2026-11-27T00:00:00Z",
            message = new { role = "assistant", content },
            done = true,
            done_reason = "stop",
            total_duration = 1000,
            load_duration = 10,
            prompt_eval_count = PromptTokens,
            prompt_eval_duration = 100,
            eval_count = CompletionTokens,
            eval_duration = 100,
        })
        : Json(new
        {
            model = "fake-model",
            created_at = "2026-11-27T00:00:00Z",
            message = new { role = "assistant", content },
            done = false,
        });

    protected override string EmbeddingBody(RecordedRequest request) => Json(new
    {
        model = "fake-embedding",
        embeddings = Enumerable.Range(0, InputCount(request, "input")).Select(Vector).ToArray(),
        prompt_eval_count = PromptTokens,
    });

    protected override string ErrorBody(int status) => Json(new { error = "fake error" });

    protected override Task WriteContentFilterAsync(HttpContext http, RecordedRequest request) =>
        throw new NotSupportedException("Ollama has no content-filter signal.");
}
