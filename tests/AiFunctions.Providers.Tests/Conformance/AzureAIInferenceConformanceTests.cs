using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Providers.AzureAIInference;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Xunit;

namespace AiFunctions.Providers.Tests.Conformance;

public sealed class AzureAIInferenceConformanceTests : ProviderConformanceTests
{
    protected override ConformanceConfiguration Configuration { get; } = new(
        "azure-ai-inference", "Mistral-Large-2411", "Mistral-Large-2411",
        fake => [new("Endpoint", new Uri(fake!, "models").ToString()), new("ApiKey", "foundry-conformance-key")]);

    protected override void AddPlugin(AiKernelBuilder kernel) => kernel.AddAzureAIInferenceProvider();

    protected override ProviderWire CreateWire() => new AzureAIInferenceWire();

    protected override void AssertWireRequest(RecordedRequest request)
    {
        Assert.Equal("/models/chat/completions", request.Path);
        Assert.Contains("api-version=", request.Query, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"Mistral-Large-2411\"", request.Body, StringComparison.Ordinal);
        Assert.True(request.Header("api-key") == "foundry-conformance-key" || request.Header("Authorization") == "Bearer foundry-conformance-key",
            $"the key goes in api-key or a bearer Authorization header (got api-key '{request.Header("api-key")}', Authorization '{request.Header("Authorization")}').");
    }
}
