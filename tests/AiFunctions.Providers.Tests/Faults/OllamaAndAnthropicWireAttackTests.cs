using System.Diagnostics;
using System.Globalization;
using AiFunctions.Kernel.Errors;
using AiFunctions.Providers.Anthropic;
using AiFunctions.Providers.Ollama;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Microsoft.Extensions.AI;
using Xunit;
using static AiFunctions.Providers.Tests.Faults.FaultWire;

namespace AiFunctions.Providers.Tests.Faults;

/// <summary>
/// Ollama wire faults (NDJSON streams, <c>{"error": "..."}</c> lines and bodies, <c>done_reason</c>) from
/// ollama/ollama issues, on a two-target route through OllamaSharp and the kernel.
/// </summary>
public sealed class OllamaWireAttackTests
{
    private static Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) =>
        FaultRoute.StartAsync(() => new OllamaWire(), "ollama", "llama-test", fake => [new("Endpoint", fake.ToString())], k => k.AddOllamaProvider(), overrides);

    private static string Line(string content, bool done = false, string doneReason = "stop") => done
        ? "{\"model\":\"llama-test\",\"created_at\":\"2026-11-30T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":" + JsonText(content) + "},\"done\":true,\"done_reason\":" + JsonText(doneReason) + ",\"prompt_eval_count\":11,\"eval_count\":7}\n"
        : "{\"model\":\"llama-test\",\"created_at\":\"2026-11-30T00:00:00Z\",\"message\":{\"role\":\"assistant\",\"content\":" + JsonText(content) + "},\"done\":false}\n";

    private static FakeReply.Raw Ndjson(string body) => new(200, "application/x-ndjson", body);

    /// <summary>ollama/ollama: "an error was encountered while running the model: unexpected EOF" as a stream's only line.</summary>
    [Fact]
    public async Task Error_line_before_any_content_fails_the_stream_over()
    {
        await using var route = await StartAsync(("MaxRetries", "0"));
        route.Primary.DefaultReply = Ndjson("{\"error\":\"an error was encountered while running the model: unexpected EOF " + EchoedPrompt + "\"}\n");

        Assert.Equal(Healthy, await StreamTextAsync(route.Chat));
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Error_line_after_content_is_StreamInterrupted_not_a_short_answer()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Ndjson(Line("Partial") + "{\"error\":\"llama runner process has terminated: signal: killed\"}\n");

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => StreamTextAsync(route.Chat));

        Assert.True(error.IsTransient);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task A_200_body_holding_only_an_error_fails_over()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, "{\"error\":\"model runner has unexpectedly stopped, this may be due to resource limitations\"}");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    /// <summary>ollama/ollama: 404 'model "x" not found, try pulling it first': this server lacks the model; the next one may have it.</summary>
    [Fact]
    public async Task Model_not_found_404_fails_over_at_once()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(404, "{\"error\":\"model \\\"llama-test\\\" not found, try pulling it first\"}");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Runner_terminated_500_is_Unavailable_retried_then_failed_over()
    {
        await using var route = await StartAsync(("MaxRetries", "1"));
        route.Primary.DefaultReply = Body(500, "{\"error\":\"llama runner process has terminated: exit status 2\"}");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(2, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Theory]
    [InlineData("{\"error\":\"the input length exceeds the context length\"}")]
    [InlineData("{\"error\":\"prompt is too long for the model's context window\"}")]
    public async Task Context_length_text_is_ContextLengthExceeded_and_permanent(string body)
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(400, body);

        var error = await Assert.ThrowsAnyAsync<AiKernelException>(() => route.Chat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.ContextLengthExceeded, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Theory]
    [InlineData("load")]
    [InlineData("unload")]
    [InlineData("something_new")]
    public async Task Any_done_reason_on_the_final_line_completes_the_stream(string doneReason)
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Ndjson(Line("Hel") + Line("lo") + Line(string.Empty, done: true, doneReason: doneReason));

        Assert.Equal("Hello", await StreamTextAsync(route.Chat));
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Stream_stalling_after_content_is_StreamInterrupted_within_the_routes_timeout()
    {
        await using var route = await StartAsync(("Timeout", "00:00:02"));
        route.Primary.DefaultReply = StallAfter(Line("Partial"), TimeSpan.FromSeconds(30), "application/x-ndjson");
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<StreamInterruptedException>(() => StreamTextAsync(route.Chat));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Stream_cut_before_any_content_fails_over()
    {
        await using var route = await StartAsync(("MaxRetries", "0"));
        route.Primary.DefaultReply = ResetAfter(Line(string.Empty), "application/x-ndjson");

        Assert.Equal(Healthy, await StreamTextAsync(route.Chat));
        Assert.Equal(1, route.Secondary.RequestCount);
    }
}

/// <summary>Anthropic Messages API faults from anthropics/anthropic-sdk-* and gateway reports, second round.</summary>
public sealed class AnthropicWireAttackTests
{
    private const string MessageStart =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\"," +
        "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}\n\n";

    private const string TextStart = "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";

    private static string Delta(string text) =>
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":" + JsonText(text) + "}}\n\n";

    private static string Message(string text, string stopReason) =>
        "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[{\"type\":\"text\",\"text\":" + JsonText(text) + "}]," +
        "\"stop_reason\":" + JsonText(stopReason) + ",\"stop_sequence\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":7}}";

    private static string Error(string type, string message) => "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":" + JsonText(message) + "}}";

    private static Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) =>
        FaultRoute.StartAsync(
            () => new AnthropicWire(), "anthropic", "claude-test",
            fake => [new("BaseUrl", fake.ToString()), new("ApiKey", "anthropic-faults"), new("MaxOutputTokens", "256")],
            k => k.AddAnthropicProvider(),
            overrides);

    [Fact]
    public async Task Rate_limit_error_429_with_a_long_retry_after_fails_over_now()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = With(429, new Dictionary<string, string> { ["retry-after"] = "60" }, Error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    /// <summary>Anthropic's <c>anthropic-ratelimit-*-reset</c> headers are RFC 3339 instants; read when no retry-after came.</summary>
    [Fact]
    public async Task Ratelimit_reset_headers_without_retry_after_are_read()
    {
        await using var route = await StartAsync();
        var reset = DateTimeOffset.UtcNow.AddSeconds(90).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        route.Primary.DefaultReply = With(429, new Dictionary<string, string>
        {
            ["anthropic-ratelimit-requests-limit"] = "50",
            ["anthropic-ratelimit-requests-remaining"] = "0",
            ["anthropic-ratelimit-requests-reset"] = reset,
            ["anthropic-ratelimit-tokens-remaining"] = "30000",
            ["anthropic-ratelimit-tokens-reset"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        }, Error("rate_limit_error", "rate limited"));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount); // 90 s > MaxRetryWait: next target now
    }

    /// <summary>anthropics/anthropic-sdk-python: "Your credit balance is too low" arrives as a 400 invalid_request_error.</summary>
    [Fact]
    public async Task Credit_balance_too_low_is_QuotaExhausted_and_fails_over_at_once()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(400, Error("invalid_request_error", "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."));

        var response = await route.Chat.GetResponseAsync(Question);
        var again = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(Healthy, again.Text);
        Assert.Equal(1, route.Primary.RequestCount);
    }

    [Fact]
    public async Task Not_found_error_404_for_the_model_fails_over_at_once()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(404, Error("not_found_error", "model: claude-test"));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
    }

    [Fact]
    public async Task Request_too_large_413_fails_over_at_once()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(413, Error("request_too_large", "Request exceeds the maximum allowed number of bytes."));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
    }

    [Fact]
    public async Task Api_error_event_before_any_text_fails_over()
    {
        await using var route = await StartAsync(("MaxRetries", "0"));
        route.Primary.DefaultReply = Sse(MessageStart + "event: error\ndata: " + Error("api_error", "Internal server error " + EchoedPrompt) + "\n\n");

        Assert.Equal(Healthy, await StreamTextAsync(route.Chat));
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task One_event_split_over_several_data_lines_is_joined_as_the_sse_spec_says()
    {
        // WHATWG HTML §9.2.6: the data lines of one event are joined with LF (JSON allows the LF between tokens).
        await using var route = await StartAsync();
        var split = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\n" +
                    "data: \"delta\":{\"type\":\"text_delta\",\"text\":\"lo\"}}\n\n";
        var body = MessageStart + TextStart + Delta("Hel") + split +
                   "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n" +
                   "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}\n\n" +
                   "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        route.Primary.DefaultReply = Sse(body);

        Assert.Equal("Hello", await StreamTextAsync(route.Chat));
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Ping_events_and_crlf_line_endings_are_read()
    {
        await using var route = await StartAsync();
        var body = MessageStart + "event: ping\ndata: {\"type\": \"ping\"}\n\n" + TextStart + Delta("Hel") + "event: ping\ndata: {\"type\": \"ping\"}\n\n" + Delta("lo") +
                   "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n" +
                   "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}\n\n" +
                   "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        route.Primary.DefaultReply = Sse(body.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal("Hello", await StreamTextAsync(route.Chat));
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Stream_stalling_after_text_is_StreamInterrupted_within_the_routes_timeout()
    {
        await using var route = await StartAsync(("Timeout", "00:00:02"));
        route.Primary.DefaultReply = StallAfter(MessageStart + TextStart + Delta("Partial"), TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<StreamInterruptedException>(() => StreamTextAsync(route.Chat));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    /// <summary>New stop reasons (pause_turn, model_context_window_exceeded) must not break an answer that arrived.</summary>
    [Theory]
    [InlineData("max_tokens")]
    [InlineData("pause_turn")]
    [InlineData("model_context_window_exceeded")]
    [InlineData("stop_sequence")]
    [InlineData("some_future_reason")]
    public async Task Non_refusal_stop_reasons_return_the_answer(string stopReason)
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, Message("from the first target", stopReason));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal("from the first target", response.Text);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Refusal_stop_reason_is_ContentFiltered_and_not_failed_over()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, Message(string.Empty, "refusal"));

        var error = await Assert.ThrowsAnyAsync<AiKernelException>(() => route.Chat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.ContentFiltered, error.Reason);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Overloaded_529_with_an_html_body_is_Unavailable_and_fails_over()
    {
        await using var route = await StartAsync(("MaxRetries", "1"));
        route.Primary.DefaultReply = new FakeReply.Raw(529, "text/html", "<html><body>Overloaded</body></html>");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(2, route.Primary.RequestCount);
    }

    [Fact]
    public async Task Empty_content_array_with_end_turn_is_malformed_and_fails_over()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":11,\"output_tokens\":0}}");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Secondary.RequestCount);
    }
}
