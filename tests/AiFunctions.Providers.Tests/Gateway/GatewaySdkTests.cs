using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using Xunit;

namespace AiFunctions.Providers.Tests.Gateway;

/// <summary>
/// The official OpenAI SDK (package OpenAI) against the gateway's /v1 endpoints, plain and streamed, with the kernel
/// behind them calling a fake OpenAI server: answers, usage, tool calls and JSON-schema formats pass through; keys map
/// to applications, tenants and routes; failures come back in OpenAI's error shape with the statuses OpenAI uses.
/// </summary>
public sealed class GatewaySdkTests : IAsyncLifetime
{
    private const string PortalKey = "sk-portal-0123456789abcdef";
    private const string ReportsKey = "sk-reports-0123456789abcdef";
    private const string TinyKey = "sk-tiny-0123456789abcdef";

    private FakeProviderServer _upstream = null!;
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeProviderServer.StartAsync(new OpenAIWire());
        _gateway = await GatewayServer.StartAsync(
        [
            .. GatewayServer.Upstream(_upstream.BaseAddress),
            .. GatewayServer.Route("chat", "gpt-test"),
            .. GatewayServer.Route("private-chat", "gpt-test", redact: true),
            .. GatewayServer.Route("embed", "text-embedding-test"),
            .. GatewayServer.Route("reports", "gpt-test"),
            new("AiFunctions:Gateway:Models:gpt-4o-mini", "chat"),
            .. GatewayServer.App("portal", PortalKey, "contoso", "chat", "private-chat", "embed", "gpt-4o-mini"),
            .. GatewayServer.App("reports-app", ReportsKey, "fabrikam", "reports"),
            .. GatewayServer.App("tiny", TinyKey, "tiny-tenant", "*"),
            new("AiFunctions:RateLimits:Tenants:tiny-tenant:RequestsPerMinute", "2"),
        ]);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private ChatClient Chat(string model = "chat", string key = PortalKey) => _gateway.Client(key).GetChatClient(model);

    [Fact]
    public async Task Chat_completion_answers_through_the_route_with_usage()
    {
        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("Hello?")]);

        Assert.Equal("Hello from the fake provider.", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(ProviderWire.PromptTokens, completion.Usage.InputTokenCount);
        Assert.Equal(ProviderWire.CompletionTokens, completion.Usage.OutputTokenCount);
        var upstream = Assert.Single(_upstream.Requests);
        Assert.Equal("Bearer sk-upstream", upstream.Header("Authorization"));
        Assert.Contains("Hello?", upstream.Body, StringComparison.Ordinal);

        // The kernel accounted it to the key's tenant and application.
        var ledger = _gateway.Services.GetRequiredService<IUsageLedger>();
        Assert.Equal(ProviderWire.PromptTokens + ProviderWire.CompletionTokens, ledger.TotalsBy(UsageDimension.Tenant)["contoso"].TotalTokens);
        Assert.True(ledger.TotalsBy(UsageDimension.Workflow).ContainsKey("gateway:portal"));
    }

    [Fact]
    public async Task An_alias_names_its_route()
    {
        ChatCompletion completion = await Chat("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Hello?")]);
        Assert.Equal("Hello from the fake provider.", completion.Content[0].Text);
    }

    [Fact]
    public async Task Streamed_completion_delivers_the_whole_answer_and_usage_then_done()
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("Hello?")], new ChatCompletionOptions()))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
            finish ??= update.FinishReason;
        }

        Assert.Equal("Hello from the fake provider.", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(ProviderWire.PromptTokens, usage.InputTokenCount);
        Assert.True(Assert.Single(_upstream.Requests).IsStreaming);
    }

    [Fact]
    public async Task Raw_stream_is_server_sent_events_ending_in_done_with_include_usage()
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"chat","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", PortalKey);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        using var usageChunk = JsonDocument.Parse(events[^2]["data: ".Length..]);
        Assert.Equal(0, usageChunk.RootElement.GetProperty("choices").GetArrayLength());
        Assert.Equal(ProviderWire.PromptTokens + ProviderWire.CompletionTokens, usageChunk.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        using var finishChunk = JsonDocument.Parse(events[^3]["data: ".Length..]);
        Assert.Equal("stop", finishChunk.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Redaction_applies_to_gateway_calls_and_the_answer_is_restored()
    {
        _upstream.DefaultReply = new FakeReply.Text("Mail [EMAIL_1] today.");
        ChatCompletion completion = await Chat("private-chat").CompleteChatAsync([new UserChatMessage("Write to jane.doe@example.com please.")]);

        var upstream = Assert.Single(_upstream.Requests);
        Assert.DoesNotContain("jane.doe@example.com", upstream.Body, StringComparison.Ordinal);
        Assert.Contains("[EMAIL_1]", upstream.Body, StringComparison.Ordinal);
        Assert.Equal("Mail jane.doe@example.com today.", completion.Content[0].Text);
    }

    [Fact]
    public async Task Tool_definitions_go_out_and_tool_calls_come_back()
    {
        _upstream.DefaultReply = new FakeReply.ToolCall("get_weather", """{"city":"Oslo"}""");
        var options = new ChatCompletionOptions
        {
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather in a city", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")) },
        };

        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("Weather?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("Oslo", JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.GetProperty("city").GetString());
        var upstream = Assert.Single(_upstream.Requests);
        Assert.True(_upstream.Wire.OffersTool(upstream, "get_weather"));
        Assert.Contains("\"city\"", upstream.Body, StringComparison.Ordinal);

        // The tool's result goes back in a second turn, as the SDK sends it.
        _upstream.DefaultReply = new FakeReply.Text("It is sunny.");
        ChatCompletion second = await Chat().CompleteChatAsync(
            [new UserChatMessage("Weather?"), new AssistantChatMessage(completion), new ToolChatMessage(call.Id, "sunny, 21 C")], options);
        Assert.Equal("It is sunny.", second.Content[0].Text);
        var followUp = _upstream.Requests[^1];
        Assert.Contains("\"tool_call_id\":\"call_1\"", followUp.Body, StringComparison.Ordinal);
        Assert.Contains("sunny, 21 C", followUp.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_schema_response_format_passes_through()
    {
        _upstream.DefaultReply = new FakeReply.Text("""{"answer":"yes"}""");
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("answer", BinaryData.FromString("""{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"],"additionalProperties":false}"""), jsonSchemaIsStrict: true),
        };

        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("Yes or no?")], options);

        Assert.Equal("""{"answer":"yes"}""", completion.Content[0].Text);
        var upstream = Assert.Single(_upstream.Requests);
        Assert.True(_upstream.Wire.CarriesJsonSchema(upstream));
        Assert.Contains("\"answer\"", upstream.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_come_back_as_the_sdk_asks_for_them()
    {
        var client = _gateway.Client(PortalKey).GetEmbeddingClient("embed");
        var result = await client.GenerateEmbeddingsAsync(["one", "two"]);

        Assert.Equal(2, result.Value.Count);
        Assert.Equal(ProviderWire.EmbeddingDimensions, result.Value[0].ToFloats().Length);
        Assert.Equal(ProviderWire.PromptTokens, result.Value.Usage.InputTokenCount);

        // The same vectors as floats (encoding_format omitted), byte-for-byte what base64 carried.
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", PortalKey);
        using var response = await http.PostAsJsonAsync("v1/embeddings", new { model = "embed", input = new[] { "one", "two" } });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var floats = body.RootElement.GetProperty("data")[1].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(result.Value[1].ToFloats().ToArray(), floats);
    }

    [Fact]
    public async Task Models_lists_only_what_the_key_may_use()
    {
        var portal = new List<string>();
        foreach (var model in (await _gateway.Client(PortalKey).GetOpenAIModelClient().GetModelsAsync()).Value)
        {
            portal.Add(model.Id);
        }

        Assert.Equal(["chat", "embed", "gpt-4o-mini", "private-chat"], portal.Order(StringComparer.Ordinal));
        var reports = (await _gateway.Client(ReportsKey).GetOpenAIModelClient().GetModelsAsync()).Value.Select(m => m.Id);
        Assert.Equal(["reports"], reports);
    }

    [Fact]
    public async Task A_wrong_key_is_401_an_unknown_model_404_and_a_model_of_another_app_403()
    {
        var wrongKey = await Assert.ThrowsAsync<ClientResultException>(() => Chat(key: "sk-not-a-key-0123456789").CompleteChatAsync([new UserChatMessage("x")]));
        Assert.Equal(401, wrongKey.Status);
        Assert.Equal("invalid_api_key", ErrorCode(wrongKey));

        var unknown = await Assert.ThrowsAsync<ClientResultException>(() => Chat("no-such-model").CompleteChatAsync([new UserChatMessage("x")]));
        Assert.Equal(404, unknown.Status);
        Assert.Equal("model_not_found", ErrorCode(unknown));

        var forbidden = await Assert.ThrowsAsync<ClientResultException>(() => Chat("reports").CompleteChatAsync([new UserChatMessage("x")]));
        Assert.Equal(403, forbidden.Status);
        Assert.Empty(_upstream.Requests);
    }

    [Fact]
    public async Task A_content_filter_is_400_content_filter()
    {
        _upstream.DefaultReply = new FakeReply.ContentFiltered();
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat().CompleteChatAsync([new UserChatMessage("x")]));
        Assert.Equal(400, error.Status);
        Assert.Equal("content_filter", ErrorCode(error));
    }

    [Fact]
    public async Task No_target_left_is_503_with_retry_after()
    {
        _upstream.DefaultReply = new FakeReply.Error(500);
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat().CompleteChatAsync([new UserChatMessage("x")]));
        Assert.Equal(503, error.Status);
        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("Retry-After", out _));
        Assert.Equal("server_error", ErrorType(error));
    }

    [Fact]
    public async Task A_throttled_upstream_is_429_with_its_retry_after()
    {
        _upstream.DefaultReply = new FakeReply.Error(429, new Dictionary<string, string> { ["retry-after-ms"] = "2500" });
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat().CompleteChatAsync([new UserChatMessage("x")]));
        Assert.Equal(429, error.Status);
        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("retry-after-ms", out var ms));
        Assert.Equal("2500", ms);
        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var seconds));
        Assert.Equal("3", seconds);
    }

    [Fact]
    public async Task The_tenant_rate_limit_is_429_with_retry_after_and_x_ratelimit_headers()
    {
        var chat = Chat(key: TinyKey);
        await chat.CompleteChatAsync([new UserChatMessage("1")]);
        await chat.CompleteChatAsync([new UserChatMessage("2")]);
        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("3")]));

        Assert.Equal(429, error.Status);
        Assert.Equal("rate_limit_exceeded", ErrorCode(error));
        var headers = error.GetRawResponse()!.Headers;
        Assert.True(headers.TryGetValue("Retry-After", out var retryAfter) && int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.True(headers.TryGetValue("x-ratelimit-limit-requests", out var limit));
        Assert.Equal("2", limit);
        Assert.True(headers.TryGetValue("x-ratelimit-remaining-requests", out var remaining));
        Assert.Equal("0", remaining);
        Assert.True(headers.TryGetValue("x-ratelimit-reset-requests", out var reset));
        Assert.EndsWith("s", reset, StringComparison.Ordinal);
        Assert.Equal(2, _upstream.RequestCount);
    }

    [Theory]
    [InlineData("""{"model":"chat","messages":[{"role":"user","content":"x"}""", "messages")] // cut off: names where reading stopped
    [InlineData("""{"model":"chat"}""", "messages")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":"chat","messages":[{"role":"wizard","content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"model":"chat","messages":[{"role":"user","content":42}]}""", "messages[0].content")]
    [InlineData("""{"model":"chat","messages":[{"role":"user","content":"x"}],"n":3}""", "n")]
    [InlineData("""{"model":"chat","messages":[{"role":"user","content":"x"}],"temperature":"hot"}""", "temperature")]
    [InlineData("""{"model":"chat","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id")]
    [InlineData("""{"model":"chat","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{not json"}}]}]}""", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""{"model":"chat","messages":[{"role":"user","content":"x"}],"response_format":{"type":"yaml"}}""", "response_format.type")]
    [InlineData("""[1,2,3]""", "body")]
    public async Task Bad_input_is_400_in_openai_shape_naming_the_parameter(string json, string param)
    {
        using var http = new HttpClient { BaseAddress = _gateway.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", PortalKey);
        using var response = await http.PostAsync("v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.StartsWith(param, error.GetProperty("param").GetString() ?? "body", StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("code", out _));
        Assert.Empty(_upstream.Requests);
    }

    private static string? ErrorCode(ClientResultException error) => ErrorMember(error, "code");

    private static string? ErrorType(ClientResultException error) => ErrorMember(error, "type");

    private static string? ErrorMember(ClientResultException error, string name)
    {
        using var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString());
        return body.RootElement.GetProperty("error").GetProperty(name).GetString();
    }
}
