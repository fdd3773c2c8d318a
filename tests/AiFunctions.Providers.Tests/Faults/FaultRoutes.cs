using AiFunctions.Providers.AzureAIInference;
using AiFunctions.Providers.AzureOpenAI;
using AiFunctions.Providers.OpenAI;
using AiFunctions.Providers.Tests.Conformance.Wires;

namespace AiFunctions.Providers.Tests.Faults;

/// <summary>The two-target fault route of each OpenAI-wire plugin, shared by the fault and wire-attack suites.</summary>
internal static class FaultRoutes
{
    public static Task<FaultRoute> OpenAI((string Key, string Value)[] overrides) =>
        FaultRoute.StartAsync(
            () => new OpenAIWire(), "openai", "gpt-test",
            fake => [new("Endpoint", new Uri(fake, "v1").ToString()), new("ApiKey", "sk-faults")],
            k => k.AddOpenAIProvider(),
            overrides);

    public static Task<FaultRoute> AzureOpenAI((string Key, string Value)[] overrides) =>
        FaultRoute.StartAsync(
            () => new AzureOpenAIWire(), "azure-openai", "gpt-test",
            fake => [new("Endpoint", fake.ToString()), new("ApiKey", "azure-faults"), new("ApiVersion", "2024-10-21")],
            k => k.AddAzureOpenAIProvider(),
            overrides);

    public static Task<FaultRoute> AzureAIInference((string Key, string Value)[] overrides) =>
        FaultRoute.StartAsync(
            () => new AzureAIInferenceWire(), "azure-ai-inference", "gpt-test",
            fake => [new("Endpoint", new Uri(fake, "models").ToString()), new("ApiKey", "foundry-faults")],
            k => k.AddAzureAIInferenceProvider(),
            overrides);
}
