using AiFunctions.Kernel.DependencyInjection;

namespace AiFunctions.Providers.Ollama;

/// <summary>Adds the Ollama plugin to the kernel.</summary>
public static class OllamaProviderBuilderExtensions
{
    /// <summary>Makes plugin id "ollama" available for <c>AiFunctions:Providers:{instance}:Plugin</c>.</summary>
    public static AiKernelBuilder AddOllamaProvider(this AiKernelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPlugin(new OllamaProviderPlugin());
    }
}
