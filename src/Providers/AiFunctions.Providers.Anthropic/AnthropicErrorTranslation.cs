using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using Anthropic.Exceptions;
using Anthropic.Models;

namespace AiFunctions.Providers.Anthropic;

/// <summary>
/// Translates the Anthropic SDK's exceptions into <see cref="ProviderException"/>. The SDK's exceptions carry no
/// response headers, so <c>Retry-After</c> comes from the <see cref="HttpResponseCapture"/> under its HttpClient.
/// Uses the error type only, never the error message (which may quote the request).
/// </summary>
internal static class AnthropicErrorTranslation
{
    public static SdkExceptionTranslator For(string instance) => (exception, response) => Translate(instance, exception, response);

    public static ProviderException? Translate(string instance, Exception exception, CapturedHttpResponse response) => exception switch
    {
        // Anthropic says "prompt is too long" and "Your credit balance is too low" with a plain invalid_request_error:
        // the message is read to classify (context length, quota), never copied.
        AnthropicApiException api => ProviderErrors.FromStatus(instance, (int)api.StatusCode, response.RetryAfter, ErrorCode(api), api.Message, api),
        // An "event: error" inside a 200 stream (overloaded, rate limited mid-stream).
        AnthropicSseException sse => FromErrorType(instance, sse),
        AnthropicIOException { InnerException: { } inner } io =>
            ProviderErrors.TranslateCommon(instance, inner, callerCancelled: false)
            ?? new ProviderException(AiFailureReason.Unavailable, instance, "the connection to the provider failed. Check BaseUrl and that the service is reachable.", null, null, io),
        AnthropicInvalidDataException invalid =>
            new ProviderException(AiFailureReason.MalformedResponse, instance, "the provider's answer could not be read (invalid data).", response.Status, null, invalid),
        AnthropicException { InnerException: { } inner } => ProviderErrors.TranslateCommon(instance, inner, callerCancelled: false),
        _ => null,
    };

    private static ProviderException FromErrorType(string instance, AnthropicServiceException sse)
    {
        var type = SafeErrorType(sse);
        var kind = type switch
        {
            ErrorType.RateLimitError => AiFailureReason.RateLimited,
            ErrorType.AuthenticationError or ErrorType.PermissionError => AiFailureReason.Unauthorized,
            ErrorType.InvalidRequestError or ErrorType.NotFoundError => AiFailureReason.BadRequest,
            ErrorType.TimeoutError => AiFailureReason.Timeout,
            _ => AiFailureReason.Unavailable,
        };
        return new ProviderException(kind, instance, $"the provider sent an error event in the stream (type '{ErrorCode(sse) ?? "unknown"}').", null, null, sse);
    }

    private static ErrorType? SafeErrorType(AnthropicServiceException exception)
    {
        try
        {
            return exception.Type?.Value();
        }
        catch (Exception ex) when (ex is InvalidOperationException or AnthropicException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? ErrorCode(AnthropicServiceException exception)
    {
        try
        {
            return exception.Type?.Raw();
        }
        catch (Exception ex) when (ex is InvalidOperationException or AnthropicException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            return null;
        }
    }
}
