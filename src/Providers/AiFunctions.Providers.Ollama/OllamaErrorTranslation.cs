using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using OllamaSharp.Models.Exceptions;

namespace AiFunctions.Providers.Ollama;

/// <summary>
/// OllamaSharp throws <see cref="OllamaException"/>s (<see cref="ResponseError"/> carries the server's error text,
/// which may quote the request, so it is only matched for context-length phrases, never copied) or plain <see cref="HttpRequestException"/>s; the status comes
/// from the <see cref="HttpResponseCapture"/> under its HttpClient.
/// </summary>
internal static class OllamaErrorTranslation
{
    public static SdkExceptionTranslator For(string instance) => (exception, response) => exception switch
    {
        // The server's error text is read to classify (context length, "not found"), never copied.
        OllamaException when response.IsError => ProviderErrors.FromStatus(instance, response.Status!.Value, response.RetryAfter, null, exception.Message, exception),
        ModelDoesNotSupportToolsException => new ProviderException(AiFailureReason.BadRequest, instance, "the model does not support tool calls; pick a tool-capable model for this route.", response.Status, null, exception),
        OllamaException { InnerException: { } inner } => ProviderErrors.TranslateCommon(instance, inner, callerCancelled: false),
        OllamaException => new ProviderException(AiFailureReason.MalformedResponse, instance, "the Ollama server's answer could not be read.", response.Status, null, exception),
        _ => null,
    };
}
