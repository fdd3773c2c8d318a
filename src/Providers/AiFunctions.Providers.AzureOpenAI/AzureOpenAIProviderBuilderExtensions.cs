using AiFunctions.Kernel.DependencyInjection;

namespace AiFunctions.Providers.AzureOpenAI;

/// <summary>Adds the Azure OpenAI plugin to the kernel.</summary>
public static class AzureOpenAIProviderBuilderExtensions
{
    /// <summary>Makes plugin id "azure-openai" available for <c>AiFunctions:Providers:{instance}:Plugin</c>.</summary>
    public static AiKernelBuilder AddAzureOpenAIProvider(this AiKernelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPlugin(new AzureOpenAIProviderPlugin());
    }
}
