using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Providers.OpenAI;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Xunit;

namespace AiFunctions.Providers.Tests.Conformance;

public sealed class OpenAIConformanceTests : ProviderConformanceTests
{
    protected override ConformanceConfiguration Configuration { get; } = new(
        "openai", "gpt-test", "text-embedding-test",
        fake => [new("Endpoint", new Uri(fake!, "v1").ToString()), new("ApiKey", "sk-conformance")]);

    protected override void AddPlugin(AiKernelBuilder kernel) => kernel.AddOpenAIProvider();

    protected override ProviderWire CreateWire() => new OpenAIWire();

    protected override void AssertWireRequest(RecordedRequest request)
    {
        Assert.Matches("^/v1/(chat/completions|embeddings)$", request.Path);
        Assert.Equal("Bearer sk-conformance", request.Header("Authorization"));
    }
}
