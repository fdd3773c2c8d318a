using System.ClientModel;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;

namespace AiFunctions.Providers.AzureOpenAI;

/// <summary>
/// Translates the OpenAI SDK's (which Azure.AI.OpenAI builds on) <see cref="ClientResultException"/> into <see cref="ProviderException"/>: the response's
/// status, headers and body go to the kernel's <see cref="OpenAIWireErrors"/>; status 0 (no response) to
/// <see cref="OpenAIWireErrors.NoResponse"/>.
/// </summary>
internal static class AzureOpenAIErrorTranslation
{
    public static SdkExceptionTranslator For(string instance) => (exception, _) => Translate(instance, exception);

    /// <summary>
    /// The wire JSON of an SDK answer or stream update (its unknown properties, such as an <c>error</c> object, are kept
    /// by the SDK's model and written back); empty for anything else.
    /// </summary>
    public static ReadOnlyMemory<byte> RawAnswer(object raw) =>
        raw is System.ClientModel.Primitives.IPersistableModel<object> model
            ? model.Write(System.ClientModel.Primitives.ModelReaderWriterOptions.Json).ToMemory()
            : default;

    public static ProviderException? Translate(string instance, Exception exception) => exception switch
    {
        ClientResultException { Status: > 0 } failure when failure.GetRawResponse() is { } response => OpenAIWireErrors.FromResponse(
            instance, failure.Status, name => response.Headers.TryGetValue(name, out var value) ? value : null, response.Content?.ToMemory() ?? default, failure),
        ClientResultException { Status: > 0 } failure => ProviderErrors.FromStatus(instance, failure.Status, null, null, failure),
        ClientResultException failure => OpenAIWireErrors.NoResponse(instance, failure),
        _ => null,
    };
}
