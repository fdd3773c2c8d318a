using AiFunctions.Kernel.Plugins;
using Azure;
using Azure.AI.Inference;
using Microsoft.Extensions.AI;

namespace AiFunctions.Providers.AzureAIInference;

/// <summary>
/// Models deployed in Azure AI Foundry (Azure AI model inference: Mistral, Llama, Phi, DeepSeek, Cohere, gpt-* ...)
/// through <c>Azure.AI.Inference</c>. Settings under <c>AiFunctions:Providers:{instance}</c>: <c>Endpoint</c> (the
/// model inference endpoint, e.g. https://{resource}.services.ai.azure.com/models), <c>ApiKey</c>, <c>Models</c> =
/// model deployment names (sent as <c>model</c>), optional <c>NetworkTimeout</c>. SDK retries are off (the kernel
/// retries). Version 1.0 offers chat (whole and streamed) with JSON-schema output; no tool calls or embeddings
/// (they fail with NotSupported, so a route fails over to a target that has them).
/// </summary>
public sealed class AzureAIInferenceProviderPlugin : IProviderPlugin
{
    public const string PluginId = "azure-ai-inference";

    private static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromSeconds(100);

    public PluginManifest Manifest { get; } = new(
        PluginId,
        "Azure AI Foundry models (Azure AI Inference)",
        new Version(1, 0, 0),
        ContractRange.Major1,
        ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.JsonSchemaOutput,
        IsGenerative: true,
        "Generative chat (whole or streamed) from models deployed in Azure AI Foundry through the Azure AI model inference API (API key). No tool calls or embeddings in 1.0.");

    public void RegisterInstance(ProviderInstanceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.GetRequiredUri("Endpoint", "Set the model inference endpoint, e.g. https://my-resource.services.ai.azure.com/models.");
        var apiKey = context.GetRequiredSetting("ApiKey", "Set the resource's key (from a secret store or Key Vault reference, never in source).");
        var models = context.GetRequiredModels("List the model deployment names this endpoint serves, e.g. [\"Mistral-Large-2411\"].");
        var timeout = context.GetTimeSpan("NetworkTimeout") ?? DefaultNetworkTimeout;
        var client = new Lazy<ChatCompletionsClient>(() =>
        {
            var options = new AzureAIInferenceClientOptions();
            options.Retry.MaxRetries = 0;
            options.Retry.NetworkTimeout = timeout;

            // Under the capture: error translation sees the start of a 200 that carries only an error object;
            // redirects are not followed.
            options.Transport = new Azure.Core.Pipeline.HttpClientTransport(new HttpClient(new HttpResponseCapture()) { Timeout = Timeout.InfiniteTimeSpan });
            return new ChatCompletionsClient(endpoint, new AzureKeyCredential(apiKey), options);
        });
        var instance = context.InstanceKey;
        foreach (var model in models)
        {
            context.AddChatClient(model, _ => new AzureAIInferenceChatClient(client.Value, model, instance).AsBuilder()
                .UseProviderErrorTranslation(instance, AzureAIInferenceErrorTranslation.For(instance))
                .Build());
        }
    }
}
