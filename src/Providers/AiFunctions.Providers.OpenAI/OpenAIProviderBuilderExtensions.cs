using AiFunctions.Kernel.DependencyInjection;

namespace AiFunctions.Providers.OpenAI;

/// <summary>Adds the OpenAI plugin to the kernel.</summary>
public static class OpenAIProviderBuilderExtensions
{
    /// <summary>Makes plugin id "openai" available for <c>AiFunctions:Providers:{instance}:Plugin</c>.</summary>
    public static AiKernelBuilder AddOpenAIProvider(this AiKernelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPlugin(new OpenAIProviderPlugin());
    }
}
