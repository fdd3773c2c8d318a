using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using AiFunctions.Kernel.Errors;

namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// Helpers plugins use to translate what their SDK threw into a <see cref="ProviderException"/>: HTTP status to
/// <see cref="ProviderFailureKind"/>, <c>retry-after-ms</c> / <c>Retry-After</c> parsing, and the SDK-neutral .NET
/// failures (connection errors, timeouts, unreadable bodies). Messages carry status and error codes, never prompt text.
/// </summary>
public static class ProviderErrors
{
    /// <summary>The kind of failure an HTTP status means.</summary>
    public static ProviderFailureKind KindForStatus(int status) => status switch
    {
        401 or 403 => ProviderFailureKind.Unauthorized,
        408 => ProviderFailureKind.Timeout,
        429 => ProviderFailureKind.RateLimited,
        >= 500 => ProviderFailureKind.Unavailable,
        _ => ProviderFailureKind.BadRequest,
    };

    /// <summary>
    /// The delay a response asks for: <c>retry-after-ms</c> (milliseconds, OpenAI/Azure), else <c>Retry-After</c> as
    /// seconds or an HTTP-date (relative to <paramref name="now"/>). Null when absent or unreadable.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(Func<string, string?> header, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header("retry-after-ms") is { Length: > 0 } ms
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (header("Retry-After") is not { Length: > 0 } raw)
        {
            return null;
        }

        raw = raw.Trim();
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(raw, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var delay = date - now;
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary><see cref="ParseRetryAfter(Func{string, string?}, DateTimeOffset)"/> over HTTP response headers.</summary>
    public static TimeSpan? ParseRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return ParseRetryAfter(name => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null, now);
    }

    /// <summary>A provider answered with an error status.</summary>
    /// <param name="errorCode">The provider's error code/type (e.g. "rate_limit_exceeded"), never message text that may echo the prompt.</param>
    public static ProviderException FromStatus(string instance, int status, TimeSpan? retryAfter, string? errorCode, Exception? inner)
    {
        var kind = KindForStatus(status);
        var code = string.IsNullOrWhiteSpace(errorCode) ? string.Empty : $" (error code '{errorCode}')";
        var advice = kind switch
        {
            ProviderFailureKind.Unauthorized => " Check this instance's credentials (ApiKey or identity) and its permissions on the model/deployment.",
            ProviderFailureKind.RateLimited => retryAfter is { } r ? $" The provider asked to retry after {r.TotalMilliseconds:0} ms." : " The provider gave no Retry-After.",
            ProviderFailureKind.BadRequest => " The request was rejected as invalid; check the model name and the call options for this route.",
            _ => string.Empty,
        };
        return new ProviderException(kind, instance, $"the provider answered HTTP {status}{code}.{advice}", status, retryAfter, inner);
    }

    /// <summary>The provider refused the content (content filter, safety refusal).</summary>
    public static ProviderException ContentFiltered(string instance, string signal, int? status = null, Exception? inner = null) =>
        new(ProviderFailureKind.ContentFiltered, instance,
            $"the provider refused the request or its answer ({signal}). Not retried on this target; review the input or route it to another provider.",
            status, null, inner);

    /// <summary>
    /// Translates the SDK-neutral .NET failures; null for anything else (the plugin then lets it through).
    /// <paramref name="callerCancelled"/> is whether the caller's own token was cancelled (then it is not a timeout).
    /// </summary>
    public static ProviderException? TranslateCommon(string instance, Exception exception, bool callerCancelled)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ProviderException => null,
            OperationCanceledException when callerCancelled => null,
            OperationCanceledException or TimeoutException =>
                new ProviderException(ProviderFailureKind.Timeout, instance, "the provider did not answer within the network timeout (NetworkTimeout setting).", null, null, exception),
            HttpRequestException { StatusCode: { } status } => FromStatus(instance, (int)status, null, null, exception),
            HttpRequestException or HttpIOException or IOException =>
                new ProviderException(ProviderFailureKind.Unavailable, instance, $"the connection to the provider failed ({exception.GetType().Name}). Check the Endpoint setting and that the service is reachable.", null, null, exception),
            JsonException or FormatException =>
                new ProviderException(ProviderFailureKind.MalformedResponse, instance, $"the provider's answer could not be read ({exception.GetType().Name}).", null, null, exception),
            _ => null,
        };
    }

    /// <summary>A stream ended without the provider saying it was complete (no finish reason): it was cut.</summary>
    public static ProviderException StreamEndedEarly(string instance, int updates) =>
        new(ProviderFailureKind.Unavailable, instance, $"the stream ended after {updates} update(s) without the provider signalling completion; the answer is incomplete.");
}
