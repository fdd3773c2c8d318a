using AiFunctions.Kernel.DependencyInjection;

namespace AiFunctions.Providers.Anthropic;

/// <summary>Adds the Anthropic plugin to the kernel.</summary>
public static class AnthropicProviderBuilderExtensions
{
    /// <summary>Makes plugin id "anthropic" available for <c>AiFunctions:Providers:{instance}:Plugin</c>.</summary>
    public static AiKernelBuilder AddAnthropicProvider(this AiKernelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddPlugin(new AnthropicProviderPlugin());
    }
}
