using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Plugins;

/// <summary><see cref="ChatClientBuilder"/> extension for <see cref="ProviderErrorTranslatingChatClient"/>.</summary>
public static class ProviderErrorTranslationChatClientBuilderExtensions
{
    /// <summary>
    /// Translates everything the SDK client below throws or returns that the kernel cannot use into the kernel's failure
    /// taxonomy (<see cref="Errors.ProviderException"/>). Every generative plugin puts this directly over its SDK client.
    /// </summary>
    /// <param name="builder">A builder over the SDK's <see cref="IChatClient"/>.</param>
    /// <param name="instance">The provider instance key (named in every error).</param>
    /// <param name="sdk">The plugin's SDK-specific rules; null when the common rules suffice.</param>
    public static ChatClientBuilder UseProviderErrorTranslation(this ChatClientBuilder builder, string instance, SdkExceptionTranslator? sdk)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ProviderErrorTranslatingChatClient(inner, instance, sdk));
    }

    /// <summary>
    /// <see cref="UseProviderErrorTranslation(ChatClientBuilder, string, SdkExceptionTranslator?)"/> for SDKs of the OpenAI
    /// wire: <paramref name="rawAnswer"/> gives the wire JSON of a stream update's <c>RawRepresentation</c>, so an
    /// <c>error</c> chunk is classified (content filter, quota, context length) instead of ending the stream as cut.
    /// </summary>
    public static ChatClientBuilder UseProviderErrorTranslation(this ChatClientBuilder builder, string instance, SdkExceptionTranslator? sdk, Func<object, ReadOnlyMemory<byte>>? rawAnswer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new ProviderErrorTranslatingChatClient(inner, instance, sdk, rawAnswer));
    }
}
