using AiFunctions.Providers.AzureAIInference;
using AiFunctions.Providers.Tests.Conformance.Wires;

namespace AiFunctions.Providers.Tests.Faults;

/// <summary>
/// The OpenAI-family fault suites (public bug reports of OpenAI-compatible servers and gateways) against the
/// azure-ai-inference plugin: Azure AI model inference answers in the OpenAI body and error format, through a
/// different SDK (Azure.AI.Inference over Azure.Core) and the plugin's own stream reader.
/// </summary>
public sealed class AzureAIInferenceFaultTests : OpenAIFamilyFaultTests
{
    protected override Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) =>
        FaultRoutes.AzureAIInference(overrides);
}

/// <summary>The OpenAI-family wire attack suite against the azure-ai-inference plugin (see <see cref="AzureAIInferenceFaultTests"/>).</summary>
public sealed class AzureAIInferenceWireAttackTests : OpenAIFamilyWireAttackTests
{
    /// <summary>Plugin version 1.0 offers no tool calls (docs/plugins.md).</summary>
    protected override bool OffersToolCalls => false;

    protected override Task<FaultRoute> StartAsync(params (string Key, string Value)[] overrides) =>
        FaultRoutes.AzureAIInference(overrides);
}
