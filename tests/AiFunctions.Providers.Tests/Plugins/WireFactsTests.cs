using AiFunctions.Kernel.Errors;
using AiFunctions.Providers.Anthropic;
using AiFunctions.Providers.AzureOpenAI;
using AiFunctions.Providers.OpenAI;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Microsoft.Extensions.AI;
using Xunit;

namespace AiFunctions.Providers.Tests.Plugins;

/// <summary>Provider-specific wire facts the shared kit does not cover, checked against the real SDKs.</summary>
public sealed class WireFactsTests
{
    private static readonly List<ChatMessage> Question = [new(ChatRole.User, "Hello?")];

    [Fact]
    public async Task OpenAI_SendsTheOrganizationHeader_AndTheBaseUrlPath()
    {
        await using var fake = await FakeProviderServer.StartAsync(new OpenAIWire());
        using var services = PluginSettings.Register(new OpenAIProviderPlugin(),
            ("Endpoint", new Uri(fake.BaseAddress, "compat/v1").ToString()), ("ApiKey", "k"), ("Organization", "org-hr"), ("Models:0", "m"));

        await services.Chat("m").GetResponseAsync(Question);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("/compat/v1/chat/completions", request.Path);
        Assert.Equal("org-hr", request.Header("OpenAI-Organization"));
    }

    [Fact]
    public async Task OpenAI_KeylessCompatibleServer_StillGetsAWellFormedRequest()
    {
        await using var fake = await FakeProviderServer.StartAsync(new OpenAIWire());
        using var services = PluginSettings.Register(new OpenAIProviderPlugin(), ("Endpoint", new Uri(fake.BaseAddress, "v1").ToString()), ("Models:0", "local-model"));

        var response = await services.Chat("local-model").GetResponseAsync(Question);

        Assert.Equal("Hello from the fake provider.", response.Text);
        Assert.Contains("\"model\":\"local-model\"", Assert.Single(fake.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azure_AnAnswerFinishedByTheContentFilter_IsContentFiltered()
    {
        // Azure also filters completions: 200 with finish_reason "content_filter" (the OpenAI wire's signal).
        await using var fake = await FakeProviderServer.StartAsync(new OpenAIWire());
        fake.DefaultReply = new FakeReply.ContentFiltered();
        using var services = PluginSettings.Register(new AzureOpenAIProviderPlugin(), ("Endpoint", fake.BaseAddress.ToString()), ("ApiKey", "k"), ("Models:0", "d"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => services.Chat("d").GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.ContentFiltered, error.Reason);
        Assert.Equal(PluginSettings.Instance, error.Instance);
    }

    [Fact]
    public async Task Anthropic_AnErrorEventInsideTheStream_IsTranslatedByItsType()
    {
        await using var fake = await FakeProviderServer.StartAsync(new AnthropicWire());
        fake.DefaultReply = new FakeReply.Raw(200, "text/event-stream",
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
        using var services = PluginSettings.Register(new AnthropicProviderPlugin(), ("BaseUrl", fake.BaseAddress.ToString()), ("ApiKey", "k"), ("Models:0", "c"));

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in services.Chat("c").GetStreamingResponseAsync(Question))
            {
            }
        });

        Assert.Equal(AiFailureReason.Unavailable, error.Reason);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Anthropic_Overloaded529_IsUnavailable()
    {
        await using var fake = await FakeProviderServer.StartAsync(new AnthropicWire());
        fake.DefaultReply = new FakeReply.Error(529);
        using var services = PluginSettings.Register(new AnthropicProviderPlugin(), ("BaseUrl", fake.BaseAddress.ToString()), ("ApiKey", "k"), ("Models:0", "c"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => services.Chat("c").GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.Unavailable, error.Reason);
        Assert.Equal(529, error.StatusCode);
        Assert.Contains("overloaded_error", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, fake.RequestCount);
    }

    [Fact]
    public async Task ErrorMessages_NeverCarryThePrompt()
    {
        const string secret = "Jane Doe, born 1990-01-01";
        await using var fake = await FakeProviderServer.StartAsync(new OpenAIWire());
        fake.DefaultReply = new FakeReply.Raw(400, "application/json", $"{{\"error\":{{\"message\":\"Invalid content: {secret}\",\"type\":\"invalid_request_error\",\"code\":null}}}}");
        using var services = PluginSettings.Register(new OpenAIProviderPlugin(), ("Endpoint", new Uri(fake.BaseAddress, "v1").ToString()), ("ApiKey", "k"), ("Models:0", "m"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => services.Chat("m").GetResponseAsync([new(ChatRole.User, secret)]));

        Assert.Equal(AiFailureReason.BadRequest, error.Reason);
        Assert.DoesNotContain("Jane", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_request_error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_NothingListening_IsUnavailableAndNamesTheEndpointSetting()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var services = PluginSettings.Register(new OpenAIProviderPlugin(), ("Endpoint", $"http://127.0.0.1:{port}/v1"), ("ApiKey", "k"), ("Models:0", "m"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => services.Chat("m").GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.Unavailable, error.Reason);
        Assert.Null(error.StatusCode);
        Assert.Contains("Endpoint", error.Message, StringComparison.Ordinal);
    }
}
