using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;

namespace AiFunctions.Providers.Anthropic;

/// <summary>
/// Anthropic's Messages API through the official <c>Anthropic</c> SDK. Settings under
/// <c>AiFunctions:Providers:{instance}</c>: <c>ApiKey</c>, <c>Models</c>, optional <c>BaseUrl</c>,
/// <c>MaxOutputTokens</c> (the API requires one; default 1024, a route's MaxOutputTokens wins) and <c>NetworkTimeout</c>.
/// </summary>
public sealed class AnthropicProviderPlugin : IProviderPlugin
{
    public const string PluginId = "anthropic";

    public const int DefaultMaxOutputTokens = 1024;

    private static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromSeconds(100);

    public PluginManifest Manifest { get; } = new(
        PluginId,
        "Anthropic",
        new Version(1, 0, 0),
        ContractRange.Major1,
        ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.JsonSchemaOutput | ProviderCapabilities.ToolCalls,
        IsGenerative: true,
        "Generative chat from Anthropic's Claude models (Messages API). No embeddings.");

    public void RegisterInstance(ProviderInstanceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var apiKey = context.GetRequiredSetting("ApiKey", "Set the Anthropic API key (from a secret store or environment variable, never in source).");
        var baseUrl = context.GetSetting("BaseUrl") is null ? null : context.GetRequiredUri("BaseUrl", "Give the API base URL, e.g. https://api.anthropic.com.");
        var models = context.GetRequiredModels("List the model names this instance serves, e.g. [\"claude-sonnet-4-5\"].");
        var maxOutputTokens = ReadMaxOutputTokens(context);
        var timeout = context.GetTimeSpan("NetworkTimeout") ?? DefaultNetworkTimeout;
        var client = new Lazy<AnthropicClient>(() =>
        {
            var options = new ClientOptions
            {
                ApiKey = apiKey,
                MaxRetries = 0,
                Timeout = timeout,
                HttpClient = new HttpClient(new HttpResponseCapture()) { Timeout = Timeout.InfiniteTimeSpan },
            };
            if (baseUrl is not null)
            {
                options.BaseUrl = baseUrl.ToString().TrimEnd('/');
            }

            return new AnthropicClient(options);
        });
        var instance = context.InstanceKey;
        foreach (var model in models)
        {
            // The SDK's IChatClient maps stop_reason "refusal" to ChatFinishReason.ContentFilter; the wrapper turns that
            // into AiFailureReason.ContentFiltered.
            context.AddChatClient(model, _ => client.Value.AsIChatClient(model, maxOutputTokens).AsBuilder()
                .UseProviderErrorTranslation(instance, AnthropicErrorTranslation.For(instance))
                .Build());
        }
    }

    private static int ReadMaxOutputTokens(ProviderInstanceContext context)
    {
        var raw = context.GetSetting("MaxOutputTokens");
        if (raw is null)
        {
            return DefaultMaxOutputTokens;
        }

        return int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new AiKernelConfigurationException(
                $"Provider instance '{context.InstanceKey}' (plugin '{PluginId}'): setting '{context.Path("MaxOutputTokens")}' is '{raw}'; use a positive whole number, e.g. 1024.");
    }
}
