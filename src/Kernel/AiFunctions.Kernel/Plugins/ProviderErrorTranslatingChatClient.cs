using System.Runtime.CompilerServices;
using AiFunctions.Kernel.Errors;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// The wrapper every generative plugin puts around its SDK's <see cref="IChatClient"/> (<c>UseProviderErrorTranslation</c>):
/// SDK failures become <see cref="ProviderException"/>s (also those thrown on the first or any later step of a stream);
/// a content-filter finish or a refusal (<c>message.refusal</c>, which M.E.AI surfaces as an <see cref="ErrorContent"/>
/// with error code "Refusal") becomes <see cref="AiFailureReason.ContentFiltered"/>; an answer with no content at all
/// becomes <see cref="AiFailureReason.MalformedResponse"/>; and a stream that ends without the provider's completion
/// signal is reported as cut instead of passing as a short answer.
/// </summary>
public sealed class ProviderErrorTranslatingChatClient : DelegatingChatClient
{
    private readonly ProviderErrorTranslator _translator;

    /// <param name="inner">The SDK's chat client.</param>
    /// <param name="instance">The provider instance key (named in every error).</param>
    /// <param name="sdk">The plugin's SDK-specific rules; null when the common rules suffice.</param>
    public ProviderErrorTranslatingChatClient(IChatClient inner, string instance, SdkExceptionTranslator? sdk)
        : this(inner, instance, sdk, null)
    {
    }

    /// <param name="inner">The SDK's chat client.</param>
    /// <param name="instance">The provider instance key (named in every error).</param>
    /// <param name="sdk">The plugin's SDK-specific rules; null when the common rules suffice.</param>
    /// <param name="rawAnswer">
    /// For OpenAI-wire SDKs: the wire JSON of a stream update's <c>RawRepresentation</c> (empty when unknown), so an
    /// <c>error</c> chunk sent instead of choices is classified (<see cref="OpenAIWireErrors"/>); null to skip.
    /// </param>
    public ProviderErrorTranslatingChatClient(IChatClient inner, string instance, SdkExceptionTranslator? sdk, Func<object, ReadOnlyMemory<byte>>? rawAnswer)
        : base(inner)
    {
        _translator = new ProviderErrorTranslator(instance, sdk);
        _rawAnswer = rawAnswer;
    }

    private readonly Func<object, ReadOnlyMemory<byte>>? _rawAnswer;

    /// <summary>The classified <c>error</c> object an answer without content carries instead of choices; null when none.</summary>
    private ProviderException? ErrorObject(object? raw, AiFailureReason otherwise) =>
        _rawAnswer is null || raw is null ? null : OpenAIWireErrors.ErrorInAnswer(_translator.Instance, _rawAnswer(raw), otherwise);

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var capture = new CapturedHttpResponse { CallToken = cancellationToken };
        HttpResponseCapture.Use(capture);
        try
        {
            ChatResponse response;
            try
            {
                response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (_translator.Translate(ex, capture, cancellationToken.IsCancellationRequested) is { } translated)
            {
                throw translated;
            }

            if (response.FinishReason == ChatFinishReason.ContentFilter)
            {
                throw ProviderErrors.ContentFiltered(_translator.Instance, "finish reason content_filter");
            }

            foreach (var message in response.Messages)
            {
                if (Refusal(message.Contents))
                {
                    throw ProviderErrors.ContentFiltered(_translator.Instance, "the model refused (message.refusal)");
                }
            }

            // No text, tool call or data at all, whatever the finish reason ("choices": [], Anthropic's "content": [] with
            // end_turn): an answer nobody can use; another target may give one.
            if (!response.Messages.Any(m => m.Contents.Any(CarriesContent)))
            {
                // A proxy (LiteLLM, OpenRouter) may pass an upstream error through as a 200 whose body is only an error
                // object: classified like one in a stream (quota → kept out, content filter → not shopped around).
                throw ErrorObject(response.RawRepresentation, AiFailureReason.MalformedResponse)
                    ?? _translator.ErrorObjectIn(capture)
                    ?? ProviderErrors.Malformed(_translator.Instance, "the provider answered without any choice or content (e.g. \"choices\": [] or \"content\": [])");
            }

            return response;
        }
        finally
        {
            // The filters above have read the answer head by now; its pooled buffer goes back.
            capture.Release();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var capture = new CapturedHttpResponse { CallToken = cancellationToken };
        HttpResponseCapture.Use(capture);
        using var release = new Release(capture);
        var enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = enumerator.ConfigureAwait(false);
        var updates = 0;
        var finished = false;
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                HttpResponseCapture.Use(capture);
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }

                update = enumerator.Current;
            }
            catch (Exception ex) when (_translator.Translate(ex, capture, cancellationToken.IsCancellationRequested) is { } translated)
            {
                throw translated;
            }

            if (Refusal(update.Contents))
            {
                throw ProviderErrors.ContentFiltered(_translator.Instance, "the model refused (message.refusal)");
            }

            // An error chunk (Azure's filtered stream, a gateway's upstream failure) instead of choices.
            if (!update.Contents.Any(CarriesContent) && ErrorObject(update.RawRepresentation, AiFailureReason.Unavailable) is { } error)
            {
                throw error;
            }

            if (update.FinishReason is { } reason)
            {
                finished = true;
                if (reason == ChatFinishReason.ContentFilter)
                {
                    throw ProviderErrors.ContentFiltered(_translator.Instance, "finish reason content_filter");
                }
            }

            updates++;
            yield return update;
        }

        if (!finished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw ProviderErrors.StreamEndedEarly(_translator.Instance, updates);
        }
    }

    /// <summary>Hands the capture's pooled buffer back when the stream ends (after the enumerator, declared later, is disposed).</summary>
    private readonly struct Release(CapturedHttpResponse capture) : IDisposable
    {
        public void Dispose() => capture.Release();
    }

    /// <summary>Something of an answer: non-empty text, a tool call, data; usage and empty text are not.</summary>
    private static bool CarriesContent(AIContent content) => content switch
    {
        UsageContent => false,
        TextContent text => !string.IsNullOrEmpty(text.Text),
        TextReasoningContent reasoning => !string.IsNullOrEmpty(reasoning.Text),
        _ => true,
    };

    private static bool Refusal(IList<AIContent> contents)
    {
        foreach (var content in contents)
        {
            if (content is ErrorContent { ErrorCode: { } code } && code.Equals("Refusal", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
