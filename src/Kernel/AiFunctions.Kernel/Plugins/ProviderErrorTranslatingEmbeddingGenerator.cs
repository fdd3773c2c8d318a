using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// The embedding counterpart of <see cref="ProviderErrorTranslatingChatClient"/>. An answer without exactly one
/// non-empty vector per input is <see cref="Errors.AiFailureReason.MalformedResponse"/> (or what the error object of a
/// 200 says), so the route tries the next target.
/// </summary>
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
        var inputs = values as IReadOnlyCollection<string> ?? [.. values];
        var capture = new CapturedHttpResponse();
        HttpResponseCapture.Use(capture);
        try
        {
            GeneratedEmbeddings<Embedding<float>> embeddings;
            try
            {
                embeddings = await base.GenerateAsync(inputs, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (_translator.Translate(ex, capture, cancellationToken.IsCancellationRequested) is { } translated)
            {
                throw translated;
            }

            // One vector per input, in order, or the caller pairs texts with the wrong vectors: fewer (a server that embeds
            // only the first input, a 200 carrying an error object instead of data) or empty vectors are no answer.
            if (embeddings.Count != inputs.Count || embeddings.Any(e => e.Vector.IsEmpty))
            {
                throw _translator.ErrorObjectIn(capture)
                    ?? ProviderErrors.Malformed(_translator.Instance, $"the provider answered {embeddings.Count} embedding(s) for {inputs.Count} input(s), or an empty vector");
            }

            return embeddings;
        }
        finally
        {
            capture.Release();
        }
    }
}
