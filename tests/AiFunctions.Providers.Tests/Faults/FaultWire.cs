using System.Collections.Concurrent;
using System.Text.Json;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Xunit;

namespace AiFunctions.Providers.Tests.Faults;

/// <summary>Wire pieces the fault tests write by hand (OpenAI chat completions, SSE, raw HTTP behaviour).</summary>
internal static class FaultWire
{
    public const string Healthy = "Hello from the fake provider.";

    /// <summary>What a provider error body may echo back of the request; must never reach logs, spans or messages.</summary>
    public const string EchoedPrompt = "CANDIDATE-JANE-DOE-SSN-078-05-1120";

    public static List<ChatMessage> Question => [new(ChatRole.User, "Is this a fault test?")];

    public static string JsonText(string? value) => value is null ? "null" : JsonSerializer.Serialize(value);

    /// <summary>A chat.completion body with one choice.</summary>
    public static string Completion(string? content, string finishReason) =>
        "{\"id\":\"chatcmpl-x\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-test\"," +
        $"\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":{JsonText(content)}}},\"finish_reason\":\"{finishReason}\"}}]," +
        "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}";

    /// <summary>One chat.completion.chunk as an SSE event (no usage).</summary>
    public static string Chunk(string? content, string? finishReason = null, string newline = "\n") =>
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-test\"," +
        $"\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{JsonText(content)}}},\"finish_reason\":{(finishReason is null ? "null" : $"\"{finishReason}\"")}}}]}}" +
        newline + newline;

    public static string RoleChunk => "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";

    public static string UsageChunk => "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-test\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}\n\n";

    public static FakeReply.Raw Body(int status, string json, string contentType = "application/json") => new(status, contentType, json);

    public static FakeReply.Raw Sse(string body) => new(200, "text/event-stream", body);

    /// <summary>Headers, status and body exactly as given.</summary>
    public static FakeReply.Custom With(int status, IReadOnlyDictionary<string, string> headers, string body, string contentType = "application/json") =>
        new(async http =>
        {
            http.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                http.Response.Headers[name] = value;
            }

            http.Response.ContentType = contentType;
            await http.Response.WriteAsync(body, http.RequestAborted);
        });

    /// <summary>Sends <paramref name="first"/>, flushes, then sends nothing more for <paramref name="stall"/> (the connection stays open).</summary>
    public static FakeReply.Custom StallAfter(string first, TimeSpan stall, string contentType = "text/event-stream") =>
        new(async http =>
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = contentType;
            await http.Response.WriteAsync(first, http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            await Task.Delay(stall, http.RequestAborted);
        });

    /// <summary>Sends <paramref name="first"/>, flushes, then resets the connection.</summary>
    public static FakeReply.Custom ResetAfter(string first, string contentType = "text/event-stream", long? declaredLength = null) =>
        new(async http =>
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = contentType;
            if (declaredLength is { } length)
            {
                http.Response.ContentLength = length;
            }

            await http.Response.WriteAsync(first, http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            await Task.Delay(50);
            http.Abort();
        });

    public static async Task<string> StreamTextAsync(IChatClient client, ChatOptions? options = null)
    {
        var text = string.Empty;
        await foreach (var update in client.GetStreamingResponseAsync(Question, options))
        {
            text += update.Text;
        }

        return text;
    }

    /// <summary>Captures every log line (message and exception text) of the kernel's loggers.</summary>
    public sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._lines.Enqueue(formatter(state, exception) + " | " + exception);
        }
    }

    public static void NoEcho(IEnumerable<string> texts, string what)
    {
        foreach (var text in texts)
        {
            Assert.False(text.Contains(EchoedPrompt, StringComparison.Ordinal), $"{what} carries the provider's echo of the prompt: {text}");
        }
    }
}
