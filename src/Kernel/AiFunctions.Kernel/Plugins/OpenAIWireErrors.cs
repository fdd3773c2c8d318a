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
        var code = ReadErrorCode(body);
        if (code is not null && ContentFilterCodes.Contains(code, StringComparer.OrdinalIgnoreCase))
        {
            return ProviderErrors.ContentFiltered(instance, $"HTTP {status}, error code '{code}'", status, inner);
        }

        return ProviderErrors.FromStatus(instance, status, retryAfter, code, inner);
    }

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
    public static string? ReadErrorCode(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
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
