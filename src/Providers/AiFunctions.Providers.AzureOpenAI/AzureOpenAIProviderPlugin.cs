using System.ClientModel;
using System.ClientModel.Primitives;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;

namespace AiFunctions.Providers.AzureOpenAI;

/// <summary>
/// Azure OpenAI through Azure.AI.OpenAI. Settings under <c>AiFunctions:Providers:{instance}</c>: <c>Endpoint</c>
/// (https://{resource}.openai.azure.com/), <c>ApiKey</c> or <c>UseManagedIdentity</c>=true (optional
/// <c>ManagedIdentityClientId</c>), <c>Models</c> = deployment names, optional <c>ApiVersion</c> and <c>NetworkTimeout</c>.
/// Several instances (deployments in two regions, say) coexist under different instance keys.
/// </summary>
public sealed class AzureOpenAIProviderPlugin : IProviderPlugin
{
    public const string PluginId = "azure-openai";

    private static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromSeconds(100);

    public PluginManifest Manifest { get; } = new(
        PluginId,
        "Azure OpenAI",
        new Version(1, 0, 0),
        ContractRange.Major1,
        ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Embeddings
            | ProviderCapabilities.JsonSchemaOutput | ProviderCapabilities.ToolCalls,
        IsGenerative: true,
        "Generative chat and embeddings from Azure OpenAI deployments (API key or managed identity).");

    public void RegisterInstance(ProviderInstanceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.GetRequiredUri("Endpoint", "Set the resource endpoint, e.g. https://my-resource.openai.azure.com/.");
        var deployments = context.GetRequiredModels("List the deployment names of this resource, e.g. [\"gpt-4o-mini\"] (deployment names, not model names).");
        var credential = AzureOpenAICredentials.Read(context);
        var options = ReadApiVersion(context) is { } version ? new AzureOpenAIClientOptions(version) : new AzureOpenAIClientOptions();
        options.RetryPolicy = new ClientRetryPolicy(0);
        options.NetworkTimeout = context.GetTimeSpan("NetworkTimeout") ?? DefaultNetworkTimeout;

        // Under the capture: error translation sees the status of a failed response and the start of a 200 that carries
        // only an error object; redirects are not followed.
        options.Transport = new HttpClientPipelineTransport(new HttpClient(new HttpResponseCapture()) { Timeout = Timeout.InfiniteTimeSpan });
        var client = new Lazy<AzureOpenAIClient>(() => credential.ApiKey is { } key
            ? new AzureOpenAIClient(endpoint, new ApiKeyCredential(key), options)
            : new AzureOpenAIClient(endpoint, credential.TokenCredential!, options));
        var instance = context.InstanceKey;
        foreach (var deployment in deployments)
        {
            context.AddChatClient(deployment, _ => client.Value.GetChatClient(deployment).AsIChatClient().AsBuilder()
                .UseProviderErrorTranslation(instance, AzureOpenAIErrorTranslation.For(instance), AzureOpenAIErrorTranslation.RawAnswer)
                .Build());
            context.AddEmbeddingGenerator(deployment, _ => client.Value.GetEmbeddingClient(deployment).AsIEmbeddingGenerator().AsBuilder()
                .UseProviderErrorTranslation(instance, AzureOpenAIErrorTranslation.For(instance))
                .Build());
        }
    }

    /// <summary>"2024-10-21" → the SDK's service version; null (the SDK's default) when not set.</summary>
    internal static AzureOpenAIClientOptions.ServiceVersion? ReadApiVersion(ProviderInstanceContext context)
    {
        var known = Enum.GetValues<AzureOpenAIClientOptions.ServiceVersion>()
            .ToDictionary(v => v.ToString()[1..].Replace("_Preview", "-preview", StringComparison.Ordinal).Replace('_', '-'), StringComparer.OrdinalIgnoreCase);
        var raw = context.GetSetting("ApiVersion");
        if (raw is null)
        {
            return null;
        }

        return known.TryGetValue(raw.Trim(), out var version)
            ? version
            : throw new AiKernelConfigurationException(
                $"Provider instance '{context.InstanceKey}' (plugin '{PluginId}'): setting '{context.Path("ApiVersion")}' is '{raw}', which this SDK does not support. " +
                $"Use one of: {string.Join(", ", known.Keys.Order(StringComparer.Ordinal))}, or remove the setting to use the SDK's default.");
    }
}
