using System.ClientModel;
using System.ClientModel.Primitives;
using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.AI;
using OpenAI;

namespace AiFunctions.Providers.OpenAI;

/// <summary>
/// OpenAI and any OpenAI-compatible endpoint (Gemini, Mistral, vLLM, LM Studio, ...) through the official OpenAI SDK.
/// Settings under <c>AiFunctions:Providers:{instance}</c>: <c>ApiKey</c>, <c>Models</c>, optional <c>Endpoint</c>
/// (base URL including the version path, e.g. <c>https://api.mistral.ai/v1</c>), <c>Organization</c>, <c>NetworkTimeout</c>.
/// </summary>
public sealed class OpenAIProviderPlugin : IProviderPlugin
{
    public const string PluginId = "openai";

    public PluginManifest Manifest { get; } = new(
        PluginId,
        "OpenAI (and OpenAI-compatible endpoints)",
        new Version(1, 0, 0),
        ContractRange.Major1,
        ProviderCapabilities.Chat | ProviderCapabilities.Streaming | ProviderCapabilities.Embeddings
            | ProviderCapabilities.JsonSchemaOutput | ProviderCapabilities.ToolCalls,
        IsGenerative: true,
        "Generative chat and embeddings from OpenAI or an OpenAI-compatible endpoint (Gemini, Mistral, vLLM, LM Studio).");

    public void RegisterInstance(ProviderInstanceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = ReadEndpoint(context);
        var apiKey = endpoint is null
            ? context.GetRequiredSetting("ApiKey", "Set the OpenAI API key (from a secret store or environment variable, never in source).")
            : context.GetSetting("ApiKey") ?? "no-key";
        var models = context.GetRequiredModels("List the model names this instance serves, e.g. [\"gpt-4o-mini\", \"text-embedding-3-small\"].");
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            OrganizationId = context.GetSetting("Organization"),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = context.GetTimeSpan("NetworkTimeout") ?? ProviderDefaults.NetworkTimeout,

            // No SDK HTTP logging policy: it only writes the System.ClientModel event source (no logger factory is given),
            // which nothing here listens to, yet costs every call a policy step; each call is traced and accounted by the
            // kernel's own middleware (OpenTelemetry, usage, failure reasons).
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false },

            // Under the capture: error translation sees the status of a failed response and the start of a 200 that
            // carries only an error object; redirects are not followed.
            Transport = new HttpClientPipelineTransport(new HttpClient(new HttpResponseCapture()) { Timeout = Timeout.InfiniteTimeSpan }),
        };
        var client = new Lazy<OpenAIClient>(() => new OpenAIClient(new ApiKeyCredential(apiKey), options));
        var instance = context.InstanceKey;
        foreach (var model in models)
        {
            context.AddChatClient(model, _ => client.Value.GetChatClient(model).AsIChatClient().AsBuilder()
                .UseProviderErrorTranslation(instance, OpenAIErrorTranslation.For(instance), OpenAIErrorTranslation.RawAnswer)
                .Build());
            context.AddEmbeddingGenerator(model, _ => client.Value.GetEmbeddingClient(model).AsIEmbeddingGenerator().AsBuilder()
                .UseProviderErrorTranslation(instance, OpenAIErrorTranslation.For(instance))
                .Build());
        }
    }

    private static Uri? ReadEndpoint(ProviderInstanceContext context)
    {
        if (context.GetSetting("Endpoint") is null)
        {
            return null;
        }

        const string hint = "Give the base URL including the API version path, e.g. https://api.openai.com/v1, https://api.mistral.ai/v1, " +
                            "https://generativelanguage.googleapis.com/v1beta/openai/, http://localhost:8000/v1 (vLLM) or http://localhost:1234/v1 (LM Studio).";
        var endpoint = context.GetRequiredUri("Endpoint", hint);
        if (!endpoint.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(IsVersionSegment))
        {
            throw new Kernel.Errors.AiKernelConfigurationException(
                $"Provider instance '{context.InstanceKey}' (plugin '{PluginId}'): setting '{context.Path("Endpoint")}' is '{endpoint}', which has no API version path; " +
                $"the client posts to {{Endpoint}}/chat/completions, so a bare host gets 404s. {hint}");
        }

        return endpoint;
    }

    private static bool IsVersionSegment(string segment) =>
        segment.Length >= 2 && (segment[0] == 'v' || segment[0] == 'V') && char.IsAsciiDigit(segment[1]);
}
