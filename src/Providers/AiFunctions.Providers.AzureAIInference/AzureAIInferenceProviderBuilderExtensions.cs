using AiFunctions.Kernel.DependencyInjection;

namespace AiFunctions.Providers.AzureAIInference;

/// <summary>Adds the Azure AI Inference (Azure AI Foundry models) plugin to the kernel.</summary>
public static class AzureAIInferenceProviderBuilderExtensions
{
    /// <summary>Makes plugin id "azure-ai-inference" available for <c>AiFunctions:Providers:{instance}:Plugin</c>.</summary>
    public static AiKernelBuilder AddAzureAIInferenceProvider(this AiKernelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPlugin(new AzureAIInferenceProviderPlugin());
    }
}
