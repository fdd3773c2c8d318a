using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Plugins;

/// <summary><see cref="EmbeddingGeneratorBuilder{TInput, TEmbedding}"/> extension for <see cref="ProviderErrorTranslatingEmbeddingGenerator"/>.</summary>
public static class ProviderErrorTranslationEmbeddingGeneratorBuilderExtensions
{
    /// <summary>
    /// Translates what the SDK generator below throws into the kernel's failure taxonomy (<see cref="Errors.ProviderException"/>),
    /// as <see cref="ProviderErrorTranslationChatClientBuilderExtensions.UseProviderErrorTranslation"/> does for chat.
    /// </summary>
    /// <param name="builder">A builder over the SDK's embedding generator.</param>
    /// <param name="instance">The provider instance key (named in every error).</param>
    /// <param name="sdk">The plugin's SDK-specific rules; null when the common rules suffice.</param>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseProviderErrorTranslation(
        this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, string instance, SdkExceptionTranslator? sdk)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ProviderErrorTranslatingEmbeddingGenerator(inner, instance, sdk));
    }
}
