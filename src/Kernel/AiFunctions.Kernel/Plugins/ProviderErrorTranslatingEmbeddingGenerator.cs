using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Plugins;

/// <summary>The embedding counterpart of <see cref="ProviderErrorTranslatingChatClient"/>.</summary>
public sealed class ProviderErrorTranslatingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ProviderErrorTranslator _translator;

    public ProviderErrorTranslatingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, string instance, SdkExceptionTranslator? sdk)
        : base(inner)
    {
        _translator = new ProviderErrorTranslator(instance, sdk);
    }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var capture = new CapturedHttpResponse();
        HttpResponseCapture.Use(capture);
        try
        {
            return await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_translator.Translate(ex, capture, cancellationToken.IsCancellationRequested) is { } translated)
        {
            throw translated;
        }
    }
}
