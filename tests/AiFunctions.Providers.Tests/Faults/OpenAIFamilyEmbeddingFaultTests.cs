using System.Diagnostics;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Routing;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Providers.Tests.Faults;

/// <summary>
/// The same provider faults on the embedding path (<c>POST /embeddings</c>) of a two-target route: the embedding
/// generator of a route goes through the same translation, retry and failover as chat, so each fault must end the
/// same way (docs/kernel.md, failure table). Run for the plugins of the OpenAI wire that offer embeddings.
/// </summary>
public abstract class OpenAIFamilyEmbeddingFaultTests
{
    private static readonly string[] Inputs = ["senior payroll specialist", "warehouse team lead"];

    protected abstract Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides);

    private static IEmbeddingGenerator<string, Embedding<float>> Embeddings(FaultRoute route) =>
        route.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(RouteKeys.Embeddings(FaultRoute.Route));

    private static FakeReply.Raw Body(int status, string json) => new(status, "application/json", json);

    private static void AssertAnswered(GeneratedEmbeddings<Embedding<float>> embeddings)
    {
        Assert.Equal(Inputs.Length, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(ProviderWire.EmbeddingDimensions, e.Vector.Length));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_routes_longest_wait_goes_to_the_next_target_at_once()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = new FakeReply.Error(429, new Dictionary<string, string> { ["Retry-After"] = "120" });
        var clock = Stopwatch.StartNew();

        var embeddings = await Embeddings(route).GenerateAsync(Inputs);

        AssertAnswered(embeddings);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Took {clock.Elapsed}; the 120 s hint exceeds MaxRetryWait (5 s), so nothing should wait for it.");
    }

    [Theory]
    [InlineData(429)]
    [InlineData(200)] // a proxy passing the upstream's error through as a 200
    public async Task Quota_exhausted_fails_over_at_once_and_keeps_the_target_out(int status)
    {
        await using var route = await StartAsync(("Resilience:QuotaCooldown", "00:10:00"));
        route.Primary.DefaultReply = Body(status, """{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota"}}""");

        AssertAnswered(await Embeddings(route).GenerateAsync(Inputs));
        AssertAnswered(await Embeddings(route).GenerateAsync(Inputs));

        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(2, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task A_500_is_retried_on_the_same_target_then_fails_over()
    {
        await using var route = await StartAsync(("MaxRetries", "1"));
        route.Primary.DefaultReply = Body(500, """{"error":{"message":"The server had an error.","type":"server_error"}}""");

        AssertAnswered(await Embeddings(route).GenerateAsync(Inputs));

        Assert.Equal(2, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task A_connection_reset_is_unavailable_retried_then_fails_over()
    {
        await using var route = await StartAsync(("MaxRetries", "1"));
        route.Primary.DefaultReply = new FakeReply.Custom(http =>
        {
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Abort();
            return Task.CompletedTask;
        });

        AssertAnswered(await Embeddings(route).GenerateAsync(Inputs));

        Assert.Equal(2, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    public static TheoryData<string, string> UnreadableBodies => new()
    {
        { "empty", string.Empty },
        { "truncated", """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,""" },
        { "HTML page", "<!DOCTYPE html><html><body>Please sign in to the proxy</body></html>" },
        { "data null", """{"object":"list","data":null,"model":"gpt-test"}""" },
        { "error object, no known code", """{"error":{"message":"upstream failed","type":"server_error","code":502}}""" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task An_unreadable_200_is_malformed_and_fails_over_without_retrying(string shape, string body)
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = new FakeReply.Raw(200, shape == "HTML page" ? "text/html" : "application/json", body);

        AssertAnswered(await Embeddings(route).GenerateAsync(Inputs));

        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task Fewer_vectors_than_inputs_is_malformed_and_fails_over()
    {
        // Seen from OpenAI-compatible servers that embed only the first input of a batch: a caller indexing the result
        // by input would pair texts with the wrong vectors.
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(200, """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8]}],"model":"gpt-test","usage":{"prompt_tokens":4,"total_tokens":4}}""");

        AssertAnswered(await Embeddings(route).GenerateAsync(Inputs));

        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task An_input_over_the_models_context_is_permanent_and_not_failed_over()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(400, """{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"input","code":"context_length_exceeded"}}""");

        var error = await Assert.ThrowsAsync<ProviderException>(() => Embeddings(route).GenerateAsync(Inputs));

        Assert.Equal(AiFailureReason.ContextLengthExceeded, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(0, route.Secondary.RequestCount);
    }

    [Fact]
    public async Task A_401_moves_to_the_next_target_whose_credentials_may_differ()
    {
        await using var route = await StartAsync();
        route.Primary.DefaultReply = Body(401, """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}""");

        AssertAnswered(await Embeddings(route).GenerateAsync(Inputs));

        Assert.Equal(1, route.Primary.RequestCount);
        Assert.Equal(1, route.Secondary.RequestCount);
    }
}

public sealed class OpenAIEmbeddingFaultTests : OpenAIFamilyEmbeddingFaultTests
{
    protected override Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) => FaultRoutes.OpenAI(overrides);
}

public sealed class AzureOpenAIEmbeddingFaultTests : OpenAIFamilyEmbeddingFaultTests
{
    protected override Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) => FaultRoutes.AzureOpenAI(overrides);
}
