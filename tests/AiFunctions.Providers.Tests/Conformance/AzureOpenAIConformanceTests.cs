using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Providers.AzureOpenAI;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Xunit;

namespace AiFunctions.Providers.Tests.Conformance;

public sealed class AzureOpenAIConformanceTests : ProviderConformanceTests
{
    protected override ConformanceConfiguration Configuration { get; } = new(
        "azure-openai", "chat-deployment", "embedding-deployment",
        fake => [new("Endpoint", fake!.ToString()), new("ApiKey", "azure-conformance-key"), new("ApiVersion", "2024-10-21")]);

    protected override void AddPlugin(AiKernelBuilder kernel) => kernel.AddAzureOpenAIProvider();

    protected override ProviderWire CreateWire() => new AzureOpenAIWire();

    protected override void AssertWireRequest(RecordedRequest request)
    {
        Assert.Matches("^/openai/deployments/(chat-deployment/chat/completions|embedding-deployment/embeddings)$", request.Path);
        Assert.Contains("api-version=2024-10-21", request.Query, StringComparison.Ordinal);
        Assert.Equal("azure-conformance-key", request.Header("api-key"));
        Assert.Null(request.Header("Authorization"));
    }
}
