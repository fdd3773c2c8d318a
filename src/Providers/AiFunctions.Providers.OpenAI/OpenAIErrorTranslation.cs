using System.ClientModel;
using System.Text.Json;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;

namespace AiFunctions.Providers.OpenAI;

/// <summary>
/// Translates the OpenAI SDK's <see cref="ClientResultException"/> (status, <c>retry-after-ms</c>/<c>Retry-After</c>,
/// error code from the body) into <see cref="ProviderException"/>. Shared by the OpenAI and Azure OpenAI plugins,
/// which use the same SDK. Only the error code and type are read from the body, never its message text.
/// </summary>
public static class OpenAIErrorTranslation
{
    /// <summary>Error codes with which OpenAI-family services refuse content (Azure: content_filter).</summary>
    private static readonly string[] ContentFilterCodes = ["content_filter", "content_policy_violation", "ResponsibleAIPolicyViolation"];

    public static SdkExceptionTranslator For(string instance) => (exception, _) => Translate(instance, exception);

    public static ProviderException? Translate(string instance, Exception exception) => exception switch
    {
        ClientResultException { Status: > 0 } failure => FromResponse(instance, failure),
        // Status 0: no HTTP response at all (connection refused, DNS, TLS); the inner exception says which.
        ClientResultException failure =>
            (failure.InnerException is { } inner ? ProviderErrors.TranslateCommon(instance, inner, callerCancelled: false) : null)
            ?? new ProviderException(AiFailureReason.Unavailable, instance, "the request did not reach the provider (no HTTP response). Check the Endpoint setting.", null, null, failure),
        _ => null,
    };

    private static ProviderException FromResponse(string instance, ClientResultException failure)
    {
        var response = failure.GetRawResponse();
        var retryAfter = response is null
            ? null
            : ProviderErrors.ParseRetryAfter(name => response.Headers.TryGetValue(name, out var value) ? value : null, DateTimeOffset.UtcNow);
        var code = response is null ? null : ReadErrorCode(response.Content);
        if (code is not null && ContentFilterCodes.Contains(code, StringComparer.OrdinalIgnoreCase))
        {
            return ProviderErrors.ContentFiltered(instance, $"HTTP {failure.Status}, error code '{code}'", failure.Status, failure);
        }

        return ProviderErrors.FromStatus(instance, failure.Status, retryAfter, code, failure);
    }

    /// <summary>Reads <c>error.code</c> (or <c>error.type</c>) from an OpenAI-style error body; null when there is none.</summary>
    internal static string? ReadErrorCode(BinaryData? body)
    {
        if (body is null || body.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToMemory());
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["code", "type"])
                {
                    if (error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                    {
                        return text;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status alone decides.
        }

        return null;
    }
}
