using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Providers.Anthropic;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Xunit;

namespace AiFunctions.Providers.Tests.Conformance;

public sealed class AnthropicConformanceTests : ProviderConformanceTests
{
    protected override ConformanceConfiguration Configuration { get; } = new(
        "anthropic", "claude-test", "claude-test",
        fake => [new("BaseUrl", fake!.ToString()), new("ApiKey", "anthropic-conformance-key"), new("MaxOutputTokens", "256")]);

    protected override void AddPlugin(AiKernelBuilder kernel) => kernel.AddAnthropicProvider();

    protected override ProviderWire CreateWire() => new AnthropicWire();

    /// <summary>Anthropic sends Retry-After in whole seconds.</summary>
    protected override (IReadOnlyDictionary<string, string> Headers, TimeSpan Delay) RateLimitReply =>
        (new Dictionary<string, string> { ["Retry-After"] = "1" }, TimeSpan.FromSeconds(1));

    protected override void AssertWireRequest(RecordedRequest request)
    {
        Assert.Equal("/v1/messages", request.Path);
        // SDK 13.x sends the API key as a bearer token (its documented behaviour), not x-api-key.
        Assert.Equal("Bearer anthropic-conformance-key", request.Header("Authorization"));
        Assert.NotNull(request.Header("anthropic-version"));
        Assert.Contains("\"max_tokens\":256", request.Body, StringComparison.Ordinal);
    }
}
