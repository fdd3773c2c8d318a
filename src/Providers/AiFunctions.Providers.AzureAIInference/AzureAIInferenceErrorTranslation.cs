using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using Azure;

namespace AiFunctions.Providers.AzureAIInference;

/// <summary>
/// Translates Azure.Core's <see cref="RequestFailedException"/> into <see cref="ProviderException"/>. Azure AI model
/// inference answers errors in the OpenAI error shape (<c>error.code</c>, e.g. <c>content_filter</c>,
/// <c>context_length_exceeded</c>), so the status, headers (Retry-After) and body go to the kernel's
/// <see cref="OpenAIWireErrors"/>; status 0 (no response) to <see cref="OpenAIWireErrors.NoResponse"/>. Never copies
/// the error message (it may quote the request).
/// </summary>
internal static class AzureAIInferenceErrorTranslation
{
    public static SdkExceptionTranslator For(string instance) => (exception, _) => Translate(instance, exception);

    public static ProviderException? Translate(string instance, Exception exception) => exception switch
    {
        RequestFailedException { Status: > 0 } failure when failure.GetRawResponse() is { } response => OpenAIWireErrors.FromResponse(
            instance, failure.Status, name => response.Headers.TryGetValue(name, out var value) ? value : null, response.Content?.ToMemory() ?? default, failure),
        RequestFailedException { Status: > 0 } failure => ProviderErrors.FromStatus(instance, failure.Status, null, failure.ErrorCode, failure),
        RequestFailedException failure => OpenAIWireErrors.NoResponse(instance, failure),
        _ => null,
    };
}
