using System.Text.Json;
using AiFunctions.Kernel.Errors;

namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// Error responses in the OpenAI wire format, which OpenAI, Azure OpenAI and OpenAI-compatible servers share: the
/// status, <c>retry-after-ms</c> / <c>Retry-After</c>, and <c>error.code</c> (or <c>error.type</c>) from the body
/// (<c>{"error":{"code":"insufficient_quota","type":"..."}}</c>). Plugin support for every plugin that speaks this
/// format, whatever its SDK: the plugin unwraps its SDK's exception and passes the pieces here. Only the error code and
/// type are read from the body, never its message text (it may quote the request).
/// </summary>
public static class OpenAIWireErrors
{
    /// <summary>Error codes with which OpenAI-family services refuse content (Azure: <c>content_filter</c>).</summary>
    private static readonly string[] ContentFilterCodes = ["content_filter", "content_policy_violation", "ResponsibleAIPolicyViolation"];

    /// <summary>
    /// The <see cref="ProviderException"/> for an error response: content-filter codes → <see cref="AiFailureReason.ContentFiltered"/>,
    /// otherwise <see cref="ProviderErrors.FromStatus"/> (status refined by quota and context-length codes).
    /// </summary>
    /// <param name="instance">The provider instance key.</param>
    /// <param name="status">The HTTP status (&gt; 0).</param>
    /// <param name="header">Reads a response header by name; null when absent.</param>
    /// <param name="body">The response body; empty when there is none.</param>
    /// <param name="inner">The SDK's exception.</param>
    public static ProviderException FromResponse(string instance, int status, Func<string, string?> header, ReadOnlyMemory<byte> body, Exception? inner)
    {
        ArgumentNullException.ThrowIfNull(header);
        var retryAfter = ProviderErrors.ParseRetryAfter(header, DateTimeOffset.UtcNow);
        var error = ReadError(body);
        if (IsContentFilter(error.Code) || IsContentFilter(error.InnerCode))
        {
            return ProviderErrors.ContentFiltered(instance, $"HTTP {status}, error code '{(IsContentFilter(error.Code) ? error.Code : error.InnerCode)}'", status, inner);
        }

        return ProviderErrors.FromStatus(instance, status, retryAfter, error.Code, error.Message, inner);
    }

    private static bool IsContentFilter(string? code) => code is not null && ContentFilterCodes.Contains(code, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The request got no HTTP response at all (connection refused, DNS, TLS): the inner exception's translation when
    /// it is a known .NET failure, else <see cref="AiFailureReason.Unavailable"/>.
    /// </summary>
    public static ProviderException NoResponse(string instance, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return (failure.InnerException is { } inner ? ProviderErrors.TranslateCommon(instance, inner, callerCancelled: false) : null)
            ?? new ProviderException(AiFailureReason.Unavailable, instance, "the request did not reach the provider (no HTTP response). Check the Endpoint setting.", null, null, failure);
    }

    /// <summary>Reads <c>error.code</c> (or <c>error.type</c>) from an OpenAI-style error body; null when there is none or it is not JSON.</summary>
    public static string? ReadErrorCode(ReadOnlyMemory<byte> body) => ReadError(body).Code;

    /// <summary>
    /// The provider's error message in an error body (<c>error.message</c>, <c>error</c> as text, or a top-level
    /// <c>message</c>; Anthropic's body has the same shape), for classification only; null when there is none.
    /// </summary>
    public static string? ReadErrorMessage(ReadOnlyMemory<byte> body) => ReadError(body).Message;

    /// <summary>
    /// The pieces of an error body the kernel classifies by, in the shapes OpenAI-compatible servers really send:
    /// <c>{"error":{"code","type","message","innererror":{"code"}}}</c> (OpenAI, Azure; a non-string code, such as
    /// vLLM's and llama.cpp's integer 400, is skipped for <c>type</c>), <c>{"object":"error","message","type"}</c>
    /// (older vLLM) and <c>{"error":"text"}</c> (Ollama, LM Studio). The message is for classification only.
    /// </summary>
    internal static (string? Code, string? InnerCode, string? Message) ReadError(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return (null, null, error.GetString());
                }

                if (error.ValueKind == JsonValueKind.Object)
                {
                    // Azure's innererror; LiteLLM passes it on under provider_specific_fields (with code "400").
                    var inner = error.TryGetProperty("innererror", out var innerError) && innerError.ValueKind == JsonValueKind.Object ? Text(innerError, "code")
                        : error.TryGetProperty("provider_specific_fields", out var fields) && fields.ValueKind == JsonValueKind.Object
                          && fields.TryGetProperty("innererror", out var passed) && passed.ValueKind == JsonValueKind.Object ? Text(passed, "code")
                        : null;
                    return (Text(error, "code") ?? Text(error, "type"), inner, Text(error, "message"));
                }
            }

            return (Text(root, "code") ?? Text(root, "type"), null, Text(root, "message"));
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status alone decides.
            return default;
        }
    }

    /// <summary>
    /// An <c>error</c> object in a stream chunk (LiteLLM, OpenRouter and Azure's filtered streams send one instead of
    /// choices): content-filter codes → <see cref="AiFailureReason.ContentFiltered"/> (never shopped around),
    /// quota and context-length codes or phrases → those reasons, anything else → <paramref name="otherwise"/>. Null when
    /// <paramref name="json"/> holds no <c>error</c>.
    /// </summary>
    public static ProviderException? ErrorInAnswer(string instance, ReadOnlyMemory<byte> json, AiFailureReason otherwise)
    {
        if (json.IsEmpty || !HasError(json))
        {
            return null;
        }

        var error = ReadError(json);
        if (IsContentFilter(error.Code) || IsContentFilter(error.InnerCode))
        {
            return ProviderErrors.ContentFiltered(instance, $"an error object with code '{(IsContentFilter(error.Code) ? error.Code : error.InnerCode)}' in the answer");
        }

        var reason = ProviderErrors.ReasonFor(400, error.Code, error.Message);
        var code = ProviderErrors.IsErrorCode(error.Code) ? $" (error code '{error.Code}')" : string.Empty;
        return reason is AiFailureReason.QuotaExhausted or AiFailureReason.ContextLengthExceeded
            ? new ProviderException(reason, instance, $"the provider sent an error object in its answer{code}.")
            : new ProviderException(otherwise, instance, $"the provider sent an error object instead of an answer{code}.");
    }

    private static bool HasError(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind is JsonValueKind.Object or JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
