using System.Diagnostics;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Providers.AzureOpenAI;
using AiFunctions.Providers.OpenAI;
using AiFunctions.Providers.Tests.Conformance;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using static AiFunctions.Providers.Tests.Faults.FaultWire;

namespace AiFunctions.Providers.Tests.Faults;

/// <summary>
/// The second round of wire attacks on the OpenAI family (OpenAI and Azure OpenAI plugins, one SDK), each written
/// from a public bug report of an SDK, gateway or OpenAI-compatible server (named on the test). A two-target route:
/// the first target misbehaves, the second is healthy. Each test asserts what reached each target.
/// </summary>
public abstract class OpenAIFamilyWireAttackTests
{
    protected abstract Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides);

    /// <summary>False for a plugin whose manifest offers no tool calls: its tool tests assert the refusal instead.</summary>
    protected virtual bool OffersToolCalls => true;

    /// <summary>For a plugin without tool calls: a call with tools fails NotSupported on every target, before anything is sent.</summary>
    private async Task<bool> ToolsRefusedAsync()
    {
        if (OffersToolCalls)
        {
            return false;
        }

        await using var route = await StartAsync();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((int employeeId) => $"employee {employeeId}", "lookup_employee")] };
        var error = await Assert.ThrowsAsync<RouteFailedException>(() => route.Chat.GetResponseAsync(Question, options));
        Assert.Equal(AiFailureReason.NotSupported, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal((0, 0), (route.Primary.RequestCount, route.Secondary.RequestCount));
        return true;
    }

    // ---- HTTP statuses ----------------------------------------------------------------------------------------------

    /// <summary>Cloudflare 520/524 in front of vLLM / LiteLLM, 529 from Anthropic-style gateways, 409 (OpenAI's SDKs retry it), 499 (nginx / LiteLLM "client closed").</summary>
    [Theory]
    [InlineData(409)]
    [InlineData(499)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(520)]
    [InlineData(524)]
    [InlineData(529)]
    public async Task Transient_status_is_retried_on_the_same_target_then_fails_over(int status)
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(status, "{\"error\":{\"message\":\"upstream trouble\",\"type\":\"server_error\",\"code\":null}}");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(3, route.Primary.RequestCount); // the first try and MaxRetries 2
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Status_408_is_a_Timeout_and_fails_over_at_once()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(408, "{\"error\":{\"message\":\"Request timed out\",\"type\":\"timeout\"}}");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    /// <summary>
    /// openai/openai-python and LiteLLM reports of a 404 "The model `x` does not exist" / Azure "DeploymentNotFound":
    /// the instance does not serve the model (a per-instance setting, as credentials are), so the call moves on;
    /// on the only target it is permanent.
    /// </summary>
    [Fact]
    public async Task Model_not_found_404_fails_over_at_once_and_is_permanent_on_the_last_target()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(404, "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);

        route.Secondary.DefaultReply = Body(404, "{\"error\":{\"message\":\"The model `gpt-test` does not exist\",\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}");
        var error = await Assert.ThrowsAsync<RouteFailedException>(() => route.Chat.GetResponseAsync(Question));
        Assert.Equal(AiFailureReason.NotSupported, error.Reason);
        Assert.False(error.IsTransient);
    }

    /// <summary>A proxy's body limit (nginx client_max_body_size, a gateway's max request size) is the target's, not the request's.</summary>
    [Fact]
    public async Task Payload_too_large_413_fails_over_at_once()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = new FakeReply.Raw(413, "text/html", "<html><head><title>413 Request Entity Too Large</title></head><body>nginx</body></html>");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Unprocessable_422_is_a_permanent_BadRequest_not_shopped_around()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(422, "{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"}]}");

        var error = await Assert.ThrowsAsync<ProviderException>(() => route.Chat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.BadRequest, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    /// <summary>OpenRouter / LiteLLM proxies answer 402 when the key's credit is spent: quota, not a bad request.</summary>
    [Fact]
    public async Task Payment_required_402_is_QuotaExhausted_and_fails_over_at_once()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(402, "{\"error\":{\"message\":\"Insufficient credits\",\"code\":402}}");

        var response = await route.Chat.GetResponseAsync(Question);
        var again = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(Healthy, again.Text);
        Assert.Equal(1, route.Primary.RequestCount); // kept out for the quota cooldown
        Assert.Equal(2, route.Secondary.RequestCount);
    }

    /// <summary>
    /// A 400 whose message quotes the request (vLLM / LiteLLM validation errors do): a quota sentence inside a quoted
    /// resume must not make the target look out of credit (kept out of every route for the quota cooldown).
    /// </summary>
    [Fact]
    public async Task Quota_sentence_inside_an_echoed_prompt_is_a_BadRequest_not_a_spent_quota()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(400, "{\"error\":{\"message\":\"Invalid 'messages[1].content': Billing specialist. Your credit balance is too low to access the Anthropic API. You exceeded your current quota\",\"type\":\"invalid_request_error\",\"code\":null}}");

        var error = await Assert.ThrowsAsync<ProviderException>(() => route.Chat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.BadRequest, error.Reason);
        Assert.Equal(0, route.Secondary.RequestCount);
        Assert.Equal(TargetCircuitState.Closed, route.Services.GetRequiredService<ITargetHealth>().Get("primary", "gpt-test").State);
    }

    [Fact]
    public async Task Insufficient_quota_in_error_type_with_a_null_code_fails_over_at_once()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(429, "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":null}}");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
    }

    // ---- Retry-After and rate-limit headers -------------------------------------------------------------------------

    [Theory]
    [InlineData("Retry-After", "-5")]
    [InlineData("Retry-After", "soon")]
    [InlineData("Retry-After", "NaN")]
    [InlineData("retry-after-ms", "-300")]
    public async Task Unusable_retry_hint_is_ignored_and_the_route_backs_off_on_the_same_target(string header, string value)
    {
        await using var route = await StartAsync();
        route.Primary.Enqueue(With(429, new Dictionary<string, string> { [header] = value }, "{\"error\":{\"type\":\"rate_limit_exceeded\"}}"));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(2, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Theory]
    [InlineData("Retry-After", "99999999999999999999")]
    [InlineData("retry-after-ms", "1e308")]
    [InlineData("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")]
    public async Task Huge_retry_hint_fails_over_now_and_keeps_the_target_out_no_longer_than_QuotaCooldown(string header, string value)
    {
        await using var route = await StartAsync(("Resilience:QuotaCooldown", "00:02:00"), ("Targets:1:Provider", "primary"));
        route.Primary.DefaultReply = With(429, new Dictionary<string, string> { [header] = value }, "{\"error\":{\"type\":\"rate_limit_exceeded\"}}");
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RouteFailedException>(() => route.Chat.GetResponseAsync(Question));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(1, route.Primary.RequestCount); // not retried; the second listing of the target is skipped (kept out)
        Assert.True(error.IsTransient);
        Assert.NotNull(error.RetryAfter);
        Assert.True(error.RetryAfter <= TimeSpan.FromMinutes(2), $"Kept out for {error.RetryAfter}; QuotaCooldown is 2 min.");
        var health = route.Services.GetRequiredService<ITargetHealth>().Get("primary", "gpt-test");
        Assert.Equal(TargetCircuitState.Open, health.State);
    }

    /// <summary>
    /// OpenAI sends <c>x-ratelimit-reset-requests</c> / <c>-tokens</c> (Go durations such as "6m0s", "20ms") with its
    /// 429s; some OpenAI-compatible servers send only those. A throttled target then says when it will serve again.
    /// </summary>
    [Fact]
    public async Task Ratelimit_reset_headers_without_Retry_After_longer_than_the_wait_fail_over_now()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = With(429, new Dictionary<string, string>
        {
            ["x-ratelimit-limit-requests"] = "500",
            ["x-ratelimit-remaining-requests"] = "0",
            ["x-ratelimit-reset-requests"] = "1m30.5s",
            ["x-ratelimit-remaining-tokens"] = "1000",
            ["x-ratelimit-reset-tokens"] = "20ms",
        }, "{\"error\":{\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount); // 90.5 s > MaxRetryWait 5 s: next target now
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Ratelimit_reset_header_within_the_wait_is_honoured_on_the_same_target()
    {
        await using var route = await StartAsync();
        route.Primary.Enqueue(With(429, new Dictionary<string, string>
        {
            ["x-ratelimit-remaining-tokens"] = "0",
            ["x-ratelimit-reset-tokens"] = "400ms",
        }, "{\"error\":{\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}"));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(2, route.Primary.RequestCount);
        var gap = route.Primary.Requests[1].ReceivedAt - route.Primary.Requests[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(330), $"The retry came {gap.TotalMilliseconds:0} ms after the 429; the reset header said 400 ms.");
    }

    // ---- bodies the SDK cannot read ---------------------------------------------------------------------------------

    public static TheoryData<string, int, string, string> UnreadableBodies => new()
    {
        { "empty 200", 200, "application/json", string.Empty },
        { "truncated JSON", 200, "application/json", Completion("cut", "stop")[..60] },
        { "choices null", 200, "application/json", "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-test\",\"choices\":null}" },
        { "choice without message", 200, "application/json", "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}" },
        { "200 with an error object (LiteLLM / OpenRouter)", 200, "application/json", "{\"error\":{\"message\":\"" + EchoedPrompt + " upstream failed\",\"type\":\"server_error\",\"code\":502}}" },
        { "HTML page with 200 (captive proxy)", 200, "text/html", "<!DOCTYPE html><html><body>Please sign in to the proxy</body></html>" },
        { "JSON array", 200, "application/json", "[]" },
        { "BOM then truncated", 200, "application/json", "\uFEFF{\"id\":" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task Unreadable_200_body_is_malformed_and_fails_over_without_retrying(string shape, int status, string contentType, string body)
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = new FakeReply.Raw(status, contentType, body);

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.True(Healthy == response.Text, $"{shape}: got '{response.Text}'.");
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Html_error_page_with_502_is_Unavailable_and_fails_over_after_retries()
    {
        await using var route = await StartAsync(("MaxRetries", "1"));
        route.Primary.DefaultReply = new FakeReply.Raw(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center>cloudflare</center></body></html>");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(2, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Valid_answer_with_a_wrong_content_type_is_used()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = new FakeReply.Raw(200, "text/plain; charset=utf-8", Completion("from the first target", "stop"));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal("from the first target", response.Text);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    /// <summary>A proxy that sets Content-Encoding: gzip over a plain body: either read as it is or failed over, never a raw exception.</summary>
    [Fact]
    public async Task Gzip_declared_over_a_plain_body_is_read_or_failed_over_never_an_untranslated_exception()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = With(200, new Dictionary<string, string> { ["Content-Encoding"] = "gzip" }, Completion("from the first target", "stop"));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Contains(response.Text, new[] { "from the first target", Healthy });
        Assert.Equal(1, route.Primary.RequestCount);
    }

    /// <summary>A redirect is not followed (the API key would go to another host); the Endpoint setting is stale, so the call moves on.</summary>
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Redirect_is_not_followed_and_fails_over_at_once(int status)
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = new FakeReply.Custom(http =>
        {
            http.Response.StatusCode = status;
            http.Response.Headers.Location = route.Secondary.BaseAddress + "elsewhere";
            return Task.CompletedTask;
        });

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Single(route.Secondary.Requests); // the chat call itself, not a followed redirect
        Assert.DoesNotContain("elsewhere", route.Secondary.Requests[0].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_reset_mid_body_is_Unavailable_retried_then_failed_over()
    {
        await using var route = await StartAsync(("MaxRetries", "1"));
        route.Primary.DefaultReply = ResetAfter(Completion("cut", "stop")[..40], "application/json", declaredLength: 4000);

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(2, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Connection_refused_fails_over_to_the_next_target()
    {
        await using var route = await StartAsync(("MaxRetries", "1"));
        await route.Primary.DisposeAsync();
        var clock = Stopwatch.StartNew();

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    // ---- streams ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Stream_without_DONE_but_with_a_finish_reason_is_a_complete_answer()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Sse(RoleChunk + Chunk("Hel") + Chunk("lo") + Chunk(null, "stop") + UsageChunk);

        Assert.Equal("Hello", await StreamTextAsync(route.Chat));
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Sse_comments_keep_alive_pings_crlf_and_event_fields_are_read()
    {
        await using var route = await StartAsync();
        const string crlf = "\r\n";
        route.Primary.DefaultReply = Sse(
            ": OPENROUTER PROCESSING\r\n\r\n" + RoleChunk.Replace("\n", crlf, StringComparison.Ordinal) +
            ": ping - 2026-11-30 08:00:00\r\n\r\n" + "retry: 3000\r\n\r\n" +
            Chunk("Hel", newline: crlf) + ":\r\n\r\n" + Chunk("lo", newline: crlf) + Chunk(null, "stop", crlf) + "data: [DONE]\r\n\r\n");

        Assert.Equal("Hello", await StreamTextAsync(route.Chat));
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task One_event_split_over_several_data_lines_is_joined_as_the_sse_spec_says()
    {
        // WHATWG HTML §9.2.6: the data lines of one event are joined with LF; a server that pretty-prints or wraps its
        // JSON sends one chunk as several "data:" lines (JSON allows the LF between tokens).
        await using var route = await StartAsync();
        var split = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\n" +
                    "data: \"created\":1700000000,\"model\":\"gpt-test\",\n" +
                    "data:\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":null}]}\n\n";
        route.Primary.DefaultReply = Sse(RoleChunk + Chunk("Hel") + split + Chunk(null, "stop") + "data: [DONE]\n\n");

        Assert.Equal("Hello", await StreamTextAsync(route.Chat));
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Stream_error_chunk_before_any_content_fails_over()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Sse(RoleChunk + "data: {\"error\":{\"message\":\"" + EchoedPrompt + "\",\"type\":\"server_error\",\"code\":\"internal_error\"}}\n\n");

        Assert.Equal(Healthy, await StreamTextAsync(route.Chat));
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Stream_error_chunk_after_content_is_StreamInterrupted_not_a_silently_short_answer()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Sse(RoleChunk + Chunk("Partial") + "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n" + "data: [DONE]\n\n");

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(() => StreamTextAsync(route.Chat));

        Assert.True(error.IsTransient);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    /// <summary>
    /// An unknown <c>finish_reason</c> (<c>"eos"</c> from an OpenAI-compatible server) after text was streamed: the
    /// taxonomy makes an unknown finish reason malformed, and after content a stream cannot fail over (the text would
    /// repeat), so the caller gets a transient StreamInterrupted whose cause is MalformedResponse — the same in every
    /// OpenAI-family plugin, never a raw SDK exception and never a silently complete-looking answer.
    /// </summary>
    [Fact]
    public async Task Stream_unknown_finish_reason_after_content_is_StreamInterrupted_caused_by_MalformedResponse()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Sse(RoleChunk + Chunk("Partial") + Chunk(" answer") + Chunk(null, "eos") + UsageChunk + "data: [DONE]\n\n");
        var received = string.Empty;

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
        {
            await foreach (var update in route.Chat.GetStreamingResponseAsync(Question))
            {
                received += update.Text;
            }
        });

        Assert.Equal("Partial answer", received);
        Assert.True(error.IsTransient);
        var cause = Assert.IsAssignableFrom<AiKernelException>(error.InnerException);
        Assert.Equal(AiFailureReason.MalformedResponse, cause.Reason);
        Assert.DoesNotContain("eos", cause.Message, StringComparison.Ordinal);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Stream_unknown_finish_reason_in_a_chunk_with_text_after_content_is_StreamInterrupted_caused_by_MalformedResponse()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Sse(RoleChunk + Chunk("Partial") + Chunk(" end", "eos") + "data: [DONE]\n\n");
        var received = string.Empty;

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
        {
            await foreach (var update in route.Chat.GetStreamingResponseAsync(Question))
            {
                received += update.Text;
            }
        });

        Assert.StartsWith("Partial", received, StringComparison.Ordinal);
        Assert.Equal(AiFailureReason.MalformedResponse, Assert.IsAssignableFrom<AiKernelException>(error.InnerException).Reason);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    /// <summary>
    /// Azure filters a stream with a single error chunk (reported through argo-proxy and LiteLLM): refused content, so
    /// ContentFiltered and not sent to the next target, not a "stream disconnected" that fails over.
    /// </summary>
    [Fact]
    public async Task Stream_content_filter_error_chunk_is_ContentFiltered_and_not_shopped_around()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Sse(RoleChunk + "data: {\"error\":{\"message\":\"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}\n\n");

        var error = await Assert.ThrowsAnyAsync<AiKernelException>(() => StreamTextAsync(route.Chat));

        Assert.Equal(AiFailureReason.ContentFiltered, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Stream_cut_before_any_content_fails_over()
    {
        await using var route = await StartAsync(("MaxRetries", "0"));
        route.Primary.DefaultReply = ResetAfter(RoleChunk);

        Assert.Equal(Healthy, await StreamTextAsync(route.Chat));
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    /// <summary>
    /// A stream that stops sending after some text (vLLM / Ollama hangs under load, gateway buffering): the route's
    /// Timeout bounds the wait for each further update; the caller gets a StreamInterrupted (the text would repeat
    /// on another target), not a hang of the SDK's 100 s network timeout and not a silent failover.
    /// </summary>
    [Fact]
    public async Task Stream_stalling_after_content_is_StreamInterrupted_within_the_routes_timeout_without_failover()
    {
        await using var route = await StartAsync(("Timeout", "00:00:02"));
        route.Primary.DefaultReply = StallAfter(RoleChunk + Chunk("Partial"), TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var received = string.Empty;

        var error = await Assert.ThrowsAsync<StreamInterruptedException>(async () =>
        {
            await foreach (var update in route.Chat.GetStreamingResponseAsync(Question))
            {
                received += update.Text;
            }
        });

        Assert.Equal("Partial", received);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"The stalled stream took {clock.Elapsed.TotalSeconds:0.0} s to fail; the route's Timeout is 2 s.");
        Assert.Equal(AiFailureReason.Timeout, Assert.IsAssignableFrom<AiKernelException>(error.InnerException).Reason);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Slow_but_steady_stream_longer_than_the_timeout_in_total_is_not_cut()
    {
        // Each gap (0.4 s) is a tenth of the route's Timeout (4 s), so a loaded 2-core CI machine cannot stretch one past
        // it (a quarter, 0.5 s of 2 s, was stretched once in CI with the test process's other tests running); the whole
        // stream (about 4.8 s) is longer than the Timeout.
        await using var route = await StartAsync(("Timeout", "00:00:04"));
        route.Primary.DefaultReply = new FakeReply.Custom(async http =>
        {
            http.Response.ContentType = "text/event-stream";
            await http.Response.WriteAsync(RoleChunk);
            foreach (var piece in new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l" })
            {
                await http.Response.WriteAsync(Chunk(piece));
                await http.Response.Body.FlushAsync();
                await Task.Delay(400);
            }

            await http.Response.WriteAsync(Chunk(null, "stop") + "data: [DONE]\n\n");
        });

        Assert.Equal("abcdefghijkl", await StreamTextAsync(route.Chat));
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Usage_in_the_finishing_chunk_only_is_booked_once()
    {
        await using var route = await StartAsync();
        var last = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}\n\n";
        route.Primary.DefaultReply = Sse(RoleChunk + Chunk("Hi") + last + "data: [DONE]\n\n");
        var ledger = route.Services.GetRequiredService<Kernel.Accounting.IUsageLedger>();

        Assert.Equal("Hi", await StreamTextAsync(route.Chat));
        Assert.Equal(11, ledger.Total.InputTokens);
        Assert.Equal(7, ledger.Total.OutputTokens);
    }

    [Fact]
    public async Task Streamed_tool_call_argument_fragments_are_joined_into_one_call()
    {
        if (await ToolsRefusedAsync())
        {
            return;
        }

        await using var route = await StartAsync();
        static string Tool(string json) =>
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":" + json + ",\"finish_reason\":null}]}\n\n";
        route.Primary.DefaultReply = Sse(
            RoleChunk +
            Tool("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"lookup_employee\",\"arguments\":\"\"}}]}") +
            Tool("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"employ\"}}]}") +
            Tool("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"eeId\\\": 4\"}}]}") +
            Tool("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"2}\"}}]}") +
            Chunk(null, "tool_calls") + "data: [DONE]\n\n");
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((int employeeId) => $"employee {employeeId}", "lookup_employee")] };

        var calls = new List<FunctionCallContent>();
        await foreach (var update in route.Chat.GetStreamingResponseAsync(Question, options))
        {
            calls.AddRange(update.Contents.OfType<FunctionCallContent>());
        }

        var call = Assert.Single(calls);
        Assert.Equal("lookup_employee", call.Name);
        Assert.Equal("42", call.Arguments!["employeeId"]!.ToString());
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    // ---- answers ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Azure OpenAI refuses a prompt with 400 <c>content_filter</c> (or an <c>innererror</c> of
    /// <c>ResponsibleAIPolicyViolation</c> under another code): ContentFiltered, permanent, not shopped around.
    /// </summary>
    [Theory]
    [InlineData("{\"error\":{\"message\":\"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. " + EchoedPrompt + "\",\"type\":null,\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"hate\":{\"filtered\":true,\"severity\":\"high\"}}}}}")]
    [InlineData("{\"error\":{\"message\":\"filtered\",\"type\":\"invalid_request_error\",\"param\":\"prompt\",\"code\":\"invalid_prompt\",\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}")]
    [InlineData("{\"error\":{\"message\":\"litellm.BadRequestError: litellm.ContentPolicyViolationError: AzureException - filtered\",\"type\":null,\"param\":null,\"code\":\"400\",\"provider_specific_fields\":{\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}}")]
    public async Task Azure_content_filter_400_is_ContentFiltered_permanent_and_not_failed_over(string body)
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(400, body);

        var error = await Assert.ThrowsAsync<ProviderException>(() => route.Chat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.ContentFiltered, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
        Assert.DoesNotContain(EchoedPrompt, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// "maximum context length" in the shapes servers really send: OpenAI's code, Azure's message with a null code,
    /// vLLM's top-level error object with an integer code (vllm-project/vllm), vLLM's nested form, llama.cpp's
    /// exceed_context_size_error, LM Studio / Ollama text. Read to classify, never copied.
    /// </summary>
    [Theory]
    [InlineData(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens (" + EchoedPrompt + "). Please reduce the length of the messages.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":null}}")]
    [InlineData(400, "{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}")]
    [InlineData(400, "{\"error\":{\"message\":\"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}")]
    [InlineData(400, "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size, try increasing it\",\"type\":\"exceed_context_size_error\",\"n_prompt_tokens\":9000,\"n_ctx\":4096}}")]
    [InlineData(400, "{\"error\":\"Trying to keep the first 9000 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough.\"}")]
    [InlineData(400, "{\"error\":{\"message\":\"input length exceeds the context length\",\"type\":\"api_error\"}}")]
    public async Task Context_length_exceeded_in_every_servers_shape_is_permanent_and_not_failed_over(int status, string body)
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(status, body);

        var error = await Assert.ThrowsAsync<ProviderException>(() => route.Chat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.ContextLengthExceeded, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
        Assert.DoesNotContain(EchoedPrompt, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_call_with_invalid_json_arguments_comes_back_with_the_parse_error_not_a_crash()
    {
        if (await ToolsRefusedAsync())
        {
            return;
        }

        await using var route = await StartAsync();
        route.Primary.DefaultReply = new FakeReply.ToolCall("lookup_employee", "{\"employeeId\": 42,,}");
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((int employeeId) => $"employee {employeeId}", "lookup_employee")] };

        var response = await route.Chat.GetResponseAsync(Question, options);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("lookup_employee", call.Name);
        Assert.NotNull(call.Exception); // the model's mistake reaches the caller (a function-invoking client tells the model)
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Theory]
    [InlineData("\uFEFF{\"answer\":\"yes\",\"score\":3}")]
    [InlineData("```json\n{\"answer\":\"yes\",\"score\":3}\n```")]
    [InlineData("\uFEFF```JSON\r\n{\"answer\":\"yes\",\"score\":3}\r\n```\r\n")]
    [InlineData("Here is the JSON:\n```\n{\"answer\":\"yes\",\"score\":3}\n```")]
    public async Task Structured_answer_with_a_BOM_or_markdown_fences_is_read_without_repair(string content)
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, Completion(content, "stop"));

        var result = await route.Invoker.InvokeAsync(new FaultAnswerFunction(), "Is it?");

        Assert.Equal(new ConformanceAnswer("yes", 3), result.Output);
        Assert.Equal("primary", result.Provenance.ProviderInstance);
        Assert.Equal(1, route.Primary.RequestCount);
    }

    [Fact]
    public async Task Numbers_as_strings_in_usage_do_not_lose_the_call()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200,
            "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"from the first target\"},\"finish_reason\":\"stop\"}]," +
            "\"usage\":{\"prompt_tokens\":\"11\",\"completion_tokens\":\"7\",\"total_tokens\":\"18\"}}");

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Contains(response.Text, new[] { "from the first target", Healthy });
    }

    [Fact]
    public async Task An_extremely_long_answer_arrives_whole()
    {
        await using var route = await StartAsync();
        var text = new string('x', 2_000_000);
        route.Primary.DefaultReply = Body(200, Completion(text, "length"));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(text.Length, response.Text.Length);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    // ---- content-free failures --------------------------------------------------------------------------------

    /// <summary>Error bodies often quote the request (LiteLLM, vLLM validation errors): never in our messages, logs or spans.</summary>
    [Theory]
    [InlineData(400)]
    [InlineData(429)]
    [InlineData(500)]
    public async Task Provider_error_text_never_reaches_the_failure_messages_logs_or_spans(int status)
    {
        await using var route = await StartAsync(("MaxRetries", "0"), ("Targets:1:Provider", "primary"));
        var logs = new LogCapture();
        route.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("AiFunctions", StringComparison.Ordinal) || s.Name.StartsWith("Experimental.Microsoft.Extensions.AI", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        route.Primary.DefaultReply = Body(status, "{\"error\":{\"message\":\"Invalid value in messages[0]: " + EchoedPrompt + "\",\"type\":\"" + EchoedPrompt + "\",\"code\":\"" + EchoedPrompt + " x\"}}");

        var error = await Assert.ThrowsAnyAsync<AiKernelException>(() => route.Chat.GetResponseAsync(Question));

        NoEcho([error.Message, error.Describe()], "the failure");
        if (error is RouteFailedException failed)
        {
            NoEcho(failed.Attempts.Select(a => a.ToString()), "an attempt");
        }

        NoEcho(logs.Lines.Select(l => l.Split(" | ")[0]), "a log message");
        NoEcho(spans.SelectMany(s => s.Tags.Select(t => t.Value ?? string.Empty).Append(s.StatusDescription ?? string.Empty)
            .Concat(s.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString() ?? string.Empty)))), "a span");
    }
}

public sealed class OpenAIWireAttackTests : OpenAIFamilyWireAttackTests
{
    protected override Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) =>
        FaultRoutes.OpenAI(overrides);
}

public sealed class AzureOpenAIWireAttackTests : OpenAIFamilyWireAttackTests
{
    protected override Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) =>
        FaultRoutes.AzureOpenAI(overrides);
}
