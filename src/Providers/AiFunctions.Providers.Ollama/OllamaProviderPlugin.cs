using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.AI;
using OllamaSharp;

namespace AiFunctions.Providers.Ollama;

/// <summary>
/// A local or remote Ollama server through OllamaSharp. Settings under <c>AiFunctions:Providers:{instance}</c>:
/// <c>Models</c>, optional <c>Endpoint</c> (default http://localhost:11434) and <c>NetworkTimeout</c>.
/// OllamaSharp has no retry logic of its own, so there is nothing to switch off.
/// </summary>
public sealed class OllamaProviderPlugin : IProviderPlugin
{
    public const string PluginId = "ollama";

    public static readonly Uri DefaultEndpoint = new("http://localhost:11434");

    private static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromSeconds(300);

    public PluginManifest Manifest { get; } = new(
        PluginId,
        "Ollama",
        new Version(1, 0, 0),
        ContractRange.Major1,
        ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Embeddings
            | ProviderCapabilities.JsonSchemaOutput | ProviderCapabilities.ToolCalls,
        IsGenerative: true,
        "Generative chat and embeddings from open models served by Ollama (self-hosted).");

    public void RegisterInstance(ProviderInstanceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.GetSetting("Endpoint") is null
            ? DefaultEndpoint
            : context.GetRequiredUri("Endpoint", "Give the Ollama server's base URL, e.g. http://localhost:11434.");
        var models = context.GetRequiredModels("List the Ollama model tags this instance serves, e.g. [\"llama3.2\", \"nomic-embed-text\"].");
        var timeout = context.GetTimeSpan("NetworkTimeout") ?? DefaultNetworkTimeout;
        var http = new Lazy<HttpClient>(() => new HttpClient(new HttpResponseCapture()) { BaseAddress = endpoint, Timeout = timeout });
        var instance = context.InstanceKey;
        foreach (var model in models)
        {
            // One OllamaApiClient per model (its default model); they share one HttpClient.
            var client = new Lazy<OllamaApiClient>(() => new OllamaApiClient(http.Value, model));
            context.AddChatClient(model, _ => ((IChatClient)client.Value).AsBuilder()
                .UseProviderErrorTranslation(instance, OllamaErrorTranslation.For(instance))
                .Build());
            context.AddEmbeddingGenerator(model, _ => new ProviderErrorTranslatingEmbeddingGenerator(client.Value, instance, OllamaErrorTranslation.For(instance)));
        }
    }
}
