using AiFunctions.Kernel.Errors;

namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// A plugin's SDK-specific translation: returns the <see cref="ProviderException"/> for an exception its SDK threw,
/// or null to let the kernel's common rules decide (captured HTTP status, connection errors, timeouts, JSON errors).
/// </summary>
public delegate ProviderException? SdkExceptionTranslator(Exception exception, CapturedHttpResponse response);

/// <summary>The translation rules shared by the chat and embedding wrappers.</summary>
internal sealed class ProviderErrorTranslator(string instance, SdkExceptionTranslator? sdk)
{
    public string Instance { get; } = instance;

    public ProviderException? Translate(Exception exception, CapturedHttpResponse response, bool callerCancelled)
    {
        if (exception is ProviderException || (exception is OperationCanceledException && callerCancelled))
        {
            return null;
        }

        return sdk?.Invoke(exception, response)
            ?? ErrorObjectIn(response)
            ?? (response.IsError ? ProviderErrors.FromStatus(Instance, response.Status!.Value, response.RetryAfter, null, exception) : null)
            ?? ProviderErrors.TranslateCommon(Instance, exception, callerCancelled);
    }

    /// <summary>
    /// The <c>error</c> object a successful body carried instead of an answer (the start the capture kept,
    /// <see cref="CapturedHttpResponse.AnswerHead"/>), classified as <see cref="OpenAIWireErrors.ErrorInAnswer"/> does;
    /// null when the body held none.
    /// </summary>
    public ProviderException? ErrorObjectIn(CapturedHttpResponse response) =>
        OpenAIWireErrors.ErrorInAnswer(Instance, response.AnswerHead, AiFailureReason.MalformedResponse);
}
