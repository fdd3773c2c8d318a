using System.Diagnostics;
using System.Globalization;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Errors;
using AiFunctions.Providers.AzureOpenAI;
using AiFunctions.Providers.OpenAI;
using AiFunctions.Providers.Tests.Conformance;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Providers.Tests.Faults;

/// <summary>
/// Provider faults from public bug reports of OpenAI-compatible servers and gateways, replayed on the wire against a
/// two-target route (first target misbehaving, second healthy) through the real OpenAI SDK and the kernel. Each test
/// asserts what reached each target and that the call did not wait out the fault. Run for the OpenAI plugin and the
/// Azure OpenAI plugin (same SDK and body format, Azure's paths and headers).
/// </summary>
public abstract class OpenAIFamilyFaultTests
{
    private const string Healthy = "Hello from the fake provider.";
    private static readonly List<ChatMessage> Question = [new(ChatRole.User, "Is this a fault test?")];

    /// <summary>Starts the fault route for this plugin with the given route overrides.</summary>
    protected abstract Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides);

    private static string Completion(string? content, string finishReason, string? refusal = null) =>
        "{\"id\":\"chatcmpl-x\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-test\"," +
        $"\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":{Json(content)},\"refusal\":{Json(refusal)}}},\"finish_reason\":\"{finishReason}\"}}]," +
        "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}";

    private static string Json(string? value) => value is null ? "null" : System.Text.Json.JsonSerializer.Serialize(value);

    private static FakeReply.Raw Body(int status, string json) => new(status, "application/json", json);

    [Fact]
    public async Task Unknown_finish_reason_eos_is_malformed_and_fails_over_without_retrying_the_first_target()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, Completion("partial answer", "eos"));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Unknown_finish_reason_eos_on_the_only_target_is_a_transient_MalformedResponse_not_a_raw_sdk_exception()
    {
        await using var route = await StartAsync(("Targets:1:Provider", "primary"));
        route.Primary.DefaultReply = Body(200, Completion("partial answer", "eos"));

        var error = await Assert.ThrowsAsync<RouteFailedException>(() => route.Chat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.MalformedResponse, error.Reason);
        Assert.True(error.IsTransient);
        Assert.Equal(2, route.Primary.RequestCount); // once per listed target, no same-target retries
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Empty_choices_with_200_is_malformed_and_fails_over()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, """
            {"id":"chatcmpl-x","object":"chat.completion","created":1700000000,"model":"gpt-test","choices":[],
             "usage":{"prompt_tokens":11,"completion_tokens":0,"total_tokens":11}}
            """);

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Empty_choices_reach_an_ai_function_as_a_failover_not_a_failed_candidate()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, """{"id":"x","object":"chat.completion","created":1700000000,"model":"gpt-test","choices":[]}""");
        route.Secondary.DefaultReply = new FakeReply.Text(ConformanceAnswerFunction.Json);

        var result = await route.Invoker.InvokeAsync(new FaultAnswerFunction(), "Is it?");

        Assert.Equal(new ConformanceAnswer("yes", 3), result.Output);
        Assert.Equal("secondary", result.Provenance.ProviderInstance);
        Assert.Equal(1, route.Primary.RequestCount);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(200)] // LiteLLM- and OpenRouter-style proxies pass an upstream error through as a 200 whose body is only an error object
    public async Task Insufficient_quota_fails_over_at_once_and_keeps_the_target_out(int status)
    {
        await using var route = await StartAsync(("Resilience:QuotaCooldown", "00:10:00"));
        route.Primary.DefaultReply = Body(status, """{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota"}}""");

        var first = await route.Chat.GetResponseAsync(Question);
        var second = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, first.Text);
        Assert.Equal(Healthy, second.Text);
        Assert.Equal(1, route.Primary.RequestCount); // not retried, and not asked again while kept out
        Assert.Equal(2, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Content_filter_error_object_in_a_200_body_is_content_filtered_and_not_shopped_to_the_next_target()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, """{"error":{"message":"The response was filtered.","type":"invalid_request_error","code":"content_filter"}}""");

        var error = await Assert.ThrowsAsync<ProviderException>(() => route.Chat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.ContentFiltered, error.Reason);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Context_length_exceeded_400_is_permanent_and_neither_retried_nor_failed_over()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(400, """{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""");

        var error = await Assert.ThrowsAsync<ProviderException>(() => route.Chat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.ContextLengthExceeded, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
        Assert.DoesNotContain("8192", error.Message, StringComparison.Ordinal); // the provider's text is not copied
    }

    [Theory]
    [InlineData("delta-seconds")]
    [InlineData("IMF-fixdate")]
    [InlineData("RFC 850")]
    [InlineData("asctime")]
    public async Task Retry_After_longer_than_the_routes_longest_wait_fails_over_now_in_every_header_form(string form)
    {
        await using var route = await StartAsync();
        var at = DateTimeOffset.UtcNow.AddSeconds(120);
        var header = form switch
        {
            "delta-seconds" => "120",
            "IMF-fixdate" => at.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture),
            "RFC 850" => at.ToString("dddd, dd-MMM-yy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture),
            _ => at.ToString("ddd MMM ", CultureInfo.InvariantCulture) + at.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + at.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture),
        };
        route.Primary.DefaultReply = new FakeReply.Error(429, new Dictionary<string, string> { ["Retry-After"] = header });
        var clock = Stopwatch.StartNew();

        var response = await route.Chat.GetResponseAsync(Question);
        var again = await route.Chat.GetResponseAsync(Question);

        clock.Stop();
        Assert.Equal(Healthy, response.Text);
        Assert.Equal(Healthy, again.Text);
        Assert.Equal(1, route.Primary.RequestCount); // an unread Retry-After would have meant 3 requests (MaxRetries 2)
        Assert.Equal(2, route.Secondary.RequestCount); // the throttled target is kept out for its Retry-After
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Two calls took {clock.Elapsed.TotalSeconds:0.0} s; the provider asked for 120 s.");
    }

    [Fact]
    public async Task Retry_After_within_the_routes_longest_wait_is_honoured_on_the_same_target()
    {
        await using var route = await StartAsync(("MaxRetryWait", "00:00:02"));
        route.Primary.Enqueue(new FakeReply.Error(429, new Dictionary<string, string> { ["retry-after-ms"] = "300" }));

        var response = await route.Chat.GetResponseAsync(Question);

        Assert.Equal(Healthy, response.Text);
        Assert.Equal(2, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
        var gap = route.Primary.Requests[1].ReceivedAt - route.Primary.Requests[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(240), $"The retry came {gap.TotalMilliseconds:0} ms after the 429; the provider asked for 300 ms.");
    }

    [Fact]
    public async Task A_refusal_in_structured_output_is_ContentFiltered_and_never_repaired()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, Completion(null, "stop", refusal: "I'm sorry, I cannot help with that request."));

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<AiKernelException>(() => route.Invoker.InvokeAsync(new FaultAnswerFunction(), "Is it?"));

        Assert.Equal(AiFailureReason.ContentFiltered, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(1, route.Primary.RequestCount); // no repair prompt, no retry
        Assert.Equal(0, route.Secondary.RequestCount); // refused content is not shopped around
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_structured_answer_still_invalid_after_repair_fails_over_to_the_next_target()
    {
        await using var route = await StartAsync(("MaxRepairAttempts", "1"));
        route.Primary.DefaultReply = new FakeReply.Text("{\"answer\":\"yes\",\"score\":42}");
        route.Secondary.DefaultReply = new FakeReply.Text(ConformanceAnswerFunction.Json);

        var result = await route.Invoker.InvokeAsync(new FaultAnswerFunction(), "Is it?");

        Assert.Equal(new ConformanceAnswer("yes", 3), result.Output);
        Assert.Equal("secondary", result.Provenance.ProviderInstance);
        Assert.Equal(2, route.Primary.RequestCount); // the answer and one repair
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Cumulative_usage_on_every_stream_chunk_is_booked_once_not_summed()
    {
        await using var route = await StartAsync();
        static string Chunk(string delta, string? finish, int completion) =>
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-test\"," +
            $"\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{Json(delta)}}},\"finish_reason\":{(finish is null ? "null" : $"\"{finish}\"")}}}]," +
            $"\"usage\":{{\"prompt_tokens\":11,\"completion_tokens\":{completion},\"total_tokens\":{11 + completion}}}}}\n\n";
        route.Primary.DefaultReply = new FakeReply.Raw(200, "text/event-stream",
            Chunk("Hel", null, 1) + Chunk("lo", null, 2) + Chunk(" there", null, 3) + Chunk("", "stop", 4) + "data: [DONE]\n\n");
        var ledger = route.Services.GetRequiredService<IUsageLedger>();

        var text = string.Empty;
        await foreach (var update in route.Chat.GetStreamingResponseAsync(Question))
        {
            text += update.Text;
        }

        Assert.Equal("Hello there", text);
        Assert.Equal(11, ledger.Total.InputTokens);
        Assert.Equal(4, ledger.Total.OutputTokens);
    }

    [Fact]
    public async Task A_stalled_first_target_costs_one_attempt_timeout_then_the_second_answers()
    {
        await using var route = await StartAsync(("Timeout", "00:00:00.500"));
        route.Primary.DefaultReply = new FakeReply.Hang(TimeSpan.FromSeconds(20));
        var clock = Stopwatch.StartNew();

        var response = await route.Chat.GetResponseAsync(Question);

        clock.Stop();
        Assert.Equal(Healthy, response.Text);
        Assert.Equal(1, route.Primary.RequestCount); // a timed-out attempt is not retried on the slow target
        Assert.Equal(1, route.Secondary.RequestCount);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"The call took {clock.Elapsed.TotalSeconds:0.0} s with a 0.5 s attempt timeout; the stall was 20 s.");
    }

    /// <summary>
    /// Hedging across replicas (issue 8 item 4) on the wire: the two instances declare one replica group and the route a
    /// 300 ms HedgingDelay; the first stalls, so after the delay the same request goes to the second, whose answer wins
    /// long before the route's 10 s Timeout, and the stalled request is aborted by the client.
    /// </summary>
    [Fact]
    public async Task A_stalled_first_replica_is_hedged_to_the_second_after_the_hedging_delay_and_the_stalled_request_is_aborted()
    {
        await using var route = await StartAsync(
            ("HedgingDelay", "00:00:00.300"), ("Providers:primary:ReplicaGroup", "gpt-test-replicas"), ("Providers:secondary:ReplicaGroup", "gpt-test-replicas"));
        route.Primary.DefaultReply = new FakeReply.Hang(TimeSpan.FromSeconds(20));
        var clock = Stopwatch.StartNew();

        var response = await route.Chat.GetResponseAsync(Question);

        clock.Stop();
        Assert.Equal(Healthy, response.Text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"The hedged call took {clock.Elapsed.TotalSeconds:0.0} s; the route's Timeout is 10 s, its HedgingDelay 0.3 s.");
        for (var i = 0; i < 100 && route.Primary.AbortedCount == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal((1, 1, 1), (route.Primary.RequestCount, route.Primary.AbortedCount, route.Secondary.RequestCount));
    }

    [Fact]
    public async Task Unknown_finish_reason_in_a_stream_before_any_text_fails_over()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = new FakeReply.Raw(200, "text/event-stream",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":\"eos\"}]}\n\ndata: [DONE]\n\n");

        var text = string.Empty;
        await foreach (var update in route.Chat.GetStreamingResponseAsync(Question))
        {
            text += update.Text;
        }

        Assert.Equal(Healthy, text);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }
}

public sealed class OpenAIFaultTests : OpenAIFamilyFaultTests
{
    protected override Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) =>
        FaultRoutes.OpenAI(overrides);
}

public sealed class AzureOpenAIFaultTests : OpenAIFamilyFaultTests
{
    protected override Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) =>
        FaultRoutes.AzureOpenAI(overrides);
}
