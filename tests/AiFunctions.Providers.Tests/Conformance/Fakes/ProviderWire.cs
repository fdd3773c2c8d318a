using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Providers.Tests.Conformance.Fakes;

/// <summary>
/// One provider's wire format, as the fake speaks it: chat (JSON and streamed), embeddings, errors, a malformed body,
/// the content-filter signal and a cut stream. Each conformance class brings one.
/// </summary>
public abstract class ProviderWire
{
    public const int PromptTokens = 11;
    public const int CompletionTokens = 7;
    public const int EmbeddingDimensions = 8;

    /// <summary>True when the request asks for an embedding rather than a chat answer.</summary>
    public abstract bool IsEmbeddingRequest(RecordedRequest request);

    /// <summary>True when the chat request carried the JSON schema of the expected output (response_format, output_format, format).</summary>
    public abstract bool CarriesJsonSchema(RecordedRequest request);

    /// <summary>False for wires with no content-filter signal (Ollama): the kit then checks no filter is invented.</summary>
    public virtual bool HasContentFilterSignal => true;

    public async Task WriteAsync(HttpContext http, RecordedRequest request, FakeReply reply)
    {
        switch (reply)
        {
            case FakeReply.Hang hang:
                await Task.Delay(hang.Delay, http.RequestAborted).ConfigureAwait(false);
                break;
            case FakeReply.Error error:
                foreach (var (name, value) in error.Headers ?? new Dictionary<string, string>())
                {
                    http.Response.Headers[name] = value;
                }

                await WriteJsonAsync(http, error.Status, ErrorBody(error.Status)).ConfigureAwait(false);
                break;
            case FakeReply.Malformed:
                http.Response.StatusCode = 200;
                http.Response.ContentType = request.IsStreaming ? StreamContentType : "application/json";
                await http.Response.WriteAsync(request.IsStreaming ? MalformedStream : "<html>upstream proxy error: not JSON", http.RequestAborted).ConfigureAwait(false);
                break;
            case FakeReply.ContentFiltered:
                await WriteContentFilterAsync(http, request).ConfigureAwait(false);
                break;
            case FakeReply.StreamCut cut:
                http.Response.StatusCode = 200;
                http.Response.ContentType = StreamContentType;
                await http.Response.WriteAsync(StreamStart(cut.FirstChunk), http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
                await Task.Delay(50).ConfigureAwait(false);
                http.Abort();
                break;
            case FakeReply.ToolCall call:
                await WriteJsonAsync(http, 200, ToolCallBody(call.Name, call.ArgumentsJson)).ConfigureAwait(false);
                break;
            case FakeReply.Raw raw:
                http.Response.StatusCode = raw.Status;
                http.Response.ContentType = raw.ContentType;
                await http.Response.WriteAsync(raw.Body, http.RequestAborted).ConfigureAwait(false);
                break;
            case FakeReply.StreamStall stall:
                http.Response.StatusCode = 200;
                http.Response.ContentType = StreamContentType;
                await http.Response.WriteAsync(StreamStart(stall.FirstChunk), http.RequestAborted).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
                await Task.Delay(stall.Delay, http.RequestAborted).ConfigureAwait(false);
                break;
            case FakeReply.Custom custom:
                await custom.Write(http).ConfigureAwait(false);
                break;
            case FakeReply.StreamTruncated truncated:
                http.Response.StatusCode = 200;
                http.Response.ContentType = StreamContentType;
                await http.Response.WriteAsync(StreamStart(truncated.FirstChunk), http.RequestAborted).ConfigureAwait(false);
                break;
            case FakeReply.Text text when IsEmbeddingRequest(request):
                await WriteJsonAsync(http, 200, EmbeddingBody(request)).ConfigureAwait(false);
                _ = text;
                break;
            case FakeReply.Text text when request.IsStreaming:
                http.Response.StatusCode = 200;
                http.Response.ContentType = StreamContentType;
                foreach (var piece in Split(text.Content))
                {
                    await http.Response.WriteAsync(piece, http.RequestAborted).ConfigureAwait(false);
                }

                await http.Response.WriteAsync(StreamEnd(), http.RequestAborted).ConfigureAwait(false);
                break;
            case FakeReply.Text text:
                await WriteJsonAsync(http, 200, ChatBody(text.Content)).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"Unknown reply {reply}.");
        }

        IEnumerable<string> Split(string content)
        {
            var half = content.Length / 2;
            yield return StreamStart(content[..half]);
            yield return StreamChunk(content[half..]);
        }
    }

    protected abstract string StreamContentType { get; }

    protected abstract string ChatBody(string content);

    /// <summary>A complete answer whose only content is a call of tool <paramref name="name"/>.</summary>
    protected abstract string ToolCallBody(string name, string argumentsJson);

    /// <summary>True when the request offered a tool of this name to the model.</summary>
    public virtual bool OffersTool(RecordedRequest request, string name) =>
        request.Body.Contains("\"tools\"", StringComparison.Ordinal) && request.Body.Contains($"\"{name}\"", StringComparison.Ordinal);

    /// <summary>The stream's opening event(s) with the first piece of text.</summary>
    protected abstract string StreamStart(string firstChunk);

    protected abstract string StreamChunk(string text);

    /// <summary>The finish signal with usage and the terminator.</summary>
    protected abstract string StreamEnd();

    protected abstract string EmbeddingBody(RecordedRequest request);

    protected abstract string ErrorBody(int status);

    protected virtual string MalformedStream => StreamStart("partial") + "{{{ this is not the wire format }}}\n\n";

    protected abstract Task WriteContentFilterAsync(HttpContext http, RecordedRequest request);

    protected static async Task WriteJsonAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json, http.RequestAborted).ConfigureAwait(false);
    }

    protected static string Json(object value) => JsonSerializer.Serialize(value);

    protected static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    protected static float[] Vector(int seed) =>
        Enumerable.Range(0, EmbeddingDimensions).Select(i => (float)Math.Round(Math.Sin(seed + i), 4)).ToArray();

    protected static int InputCount(RecordedRequest request, string property)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.TryGetProperty(property, out var input) && input.ValueKind == JsonValueKind.Array ? input.GetArrayLength() : 1;
    }

    protected static string Sse(string? eventName, object data)
    {
        var builder = new StringBuilder();
        if (eventName is not null)
        {
            builder.Append("event: ").Append(eventName).Append('\n');
        }

        return builder.Append("data: ").Append(Json(data)).Append("\n\n").ToString();
    }
}
