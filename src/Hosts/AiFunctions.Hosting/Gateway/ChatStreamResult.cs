using System.Buffers;
using System.Text.Json;
using AiFunctions.Kernel.Context;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace AiFunctions.Hosting.Gateway;

/// <summary>
/// A streamed chat completion as server-sent events: one <c>data: {chunk}</c> per update, a last chunk with the
/// finish reason, with <c>stream_options.include_usage</c> a usage chunk with no choices, then <c>data: [DONE]</c>.
/// The first update is awaited before the status is sent, so a failure before any content (no target left, a limit,
/// a content filter) is an ordinary OpenAI error response; a failure after content has been sent ends the stream with
/// a <c>data: {"error":…}</c> event and no <c>[DONE]</c>, so the client cannot mistake a cut answer for a whole one.
/// </summary>
internal sealed class ChatStreamResult(
    GatewayApi api,
    GatewayCaller caller,
    IChatClient client,
    List<ChatMessage> messages,
    ChatOptions options,
    AiCallContext call,
    string route,
    string model,
    bool includeUsage) : IResult
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        using var scope = AiCallContext.Begin(call);
        var enumerator = client.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            bool hasFirst;
            try
            {
                hasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (OpenAIError.From(ex) is { } error)
            {
                api.OnStreamFailed(caller, route, ex);
                await error.ToResult().ExecuteAsync(httpContext).ConfigureAwait(false);
                return;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            var writer = response.BodyWriter;
            using var json = new Utf8JsonWriter(writer);
            string? id = null;
            var created = 0L;
            var first = true;
            var toolIndex = 0;
            var sawToolCalls = false;
            ChatFinishReason? finish = null;
            UsageDetails? usage = null;
            var more = hasFirst;
            while (more)
            {
                var update = enumerator.Current;
                id ??= OpenAIChatMapping.ResponseId(update.ResponseId);
                if (created == 0)
                {
                    created = OpenAIChatMapping.Created(update.CreatedAt, TimeProvider.System);
                }

                finish = update.FinishReason ?? finish;
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent u)
                    {
                        (usage ??= new UsageDetails()).Add(u.Details);
                    }

                    sawToolCalls |= content is FunctionCallContent;
                }

                if (OpenAIChatMapping.ToChunk(update, id, created, model, first, ref toolIndex) is { } chunk)
                {
                    first = false;
                    Write(writer, json, chunk, OpenAIWireJson.Default.ChatCompletionChunkWire);
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (OpenAIError.From(ex) is { } error)
                {
                    api.OnStreamFailed(caller, route, ex);
                    Write(writer, json, error.ToWire(), OpenAIWireJson.Default.ErrorResponseWire);
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
            }

            id ??= OpenAIChatMapping.ResponseId(null);
            if (created == 0)
            {
                created = OpenAIChatMapping.Created(null, TimeProvider.System);
            }

            if (first)
            {
                Write(writer, json, new ChatCompletionChunkWire(id, created, model, [new ChunkChoiceWire(0, new DeltaWire("assistant", string.Empty, null), null)], null),
                    OpenAIWireJson.Default.ChatCompletionChunkWire);
            }

            Write(writer, json, OpenAIChatMapping.FinishChunk(id, created, model, OpenAIChatMapping.FinishReason(finish, sawToolCalls)), OpenAIWireJson.Default.ChatCompletionChunkWire);
            if (includeUsage)
            {
                Write(writer, json, OpenAIChatMapping.UsageChunk(id, created, model, usage), OpenAIWireJson.Default.ChatCompletionChunkWire);
            }

            writer.Write(Done);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Write<T>(System.IO.Pipelines.PipeWriter writer, Utf8JsonWriter json, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        writer.Write(DataPrefix);
        json.Reset(writer);
        JsonSerializer.Serialize(json, value, type);
        json.Flush();
        writer.Write(EventEnd);
    }

}
