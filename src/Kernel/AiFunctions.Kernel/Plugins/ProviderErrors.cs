using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using AiFunctions.Kernel.Errors;

namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// Helpers plugins use to translate what their SDK threw into a <see cref="ProviderException"/>: HTTP status to
/// <see cref="AiFailureReason"/>, <c>retry-after-ms</c> / <c>Retry-After</c> parsing, and the SDK-neutral .NET
/// failures (connection errors, timeouts, unreadable bodies). Messages carry status and error codes, never prompt text.
/// </summary>
public static class ProviderErrors
{
    /// <summary>Error codes (OpenAI <c>error.code</c> / <c>error.type</c>) that say the account's quota is spent, not a passing throttle.</summary>
    private static readonly string[] QuotaCodes = ["insufficient_quota", "billing_hard_limit_reached", "quota_exceeded", "billing_error"];

    /// <summary>Error codes that say the prompt does not fit the model's context window.</summary>
    private static readonly string[] ContextLengthCodes = ["context_length_exceeded", "string_above_max_length"];

    /// <summary>The HTTP-date forms RFC 9110 §5.6.7 requires recipients to accept: IMF-fixdate, obsolete RFC 850 and asctime.</summary>
    private static readonly string[] HttpDateFormats =
    [
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'",   // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",    // RFC 850:     Sunday, 06-Nov-94 08:49:37 GMT
        "ddd MMM d HH:mm:ss yyyy",           // asctime:     Sun Nov  6 08:49:37 1994 (whitespace collapsed below)
        "ddd MMM dd HH:mm:ss yyyy",
    ];

    /// <summary>The failure reason an HTTP status means (before error codes refine it).</summary>
    public static AiFailureReason ReasonForStatus(int status) => status switch
    {
        401 or 403 => AiFailureReason.Unauthorized,
        408 => AiFailureReason.Timeout,
        429 => AiFailureReason.RateLimited,
        >= 500 => AiFailureReason.Unavailable,
        _ => AiFailureReason.BadRequest,
    };

    /// <summary>
    /// The failure reason of an error response: the status, refined by the provider's error code
    /// (<c>insufficient_quota</c> → <see cref="AiFailureReason.QuotaExhausted"/>, <c>context_length_exceeded</c> →
    /// <see cref="AiFailureReason.ContextLengthExceeded"/>).
    /// </summary>
    public static AiFailureReason ReasonFor(int status, string? errorCode)
    {
        if (errorCode is { Length: > 0 })
        {
            if (QuotaCodes.Contains(errorCode, StringComparer.OrdinalIgnoreCase))
            {
                return AiFailureReason.QuotaExhausted;
            }

            if (ContextLengthCodes.Contains(errorCode, StringComparer.OrdinalIgnoreCase) && status is >= 400 and < 500)
            {
                return AiFailureReason.ContextLengthExceeded;
            }
        }

        return ReasonForStatus(status);
    }

    /// <summary>
    /// The delay a response asks for: <c>retry-after-ms</c> (milliseconds, OpenAI/Azure), else <c>Retry-After</c> as
    /// delay-seconds or an HTTP-date in any of the three forms of RFC 9110 §5.6.7 (IMF-fixdate, RFC 850, asctime),
    /// relative to <paramref name="now"/>; a date in the past means no wait. Null when absent or unreadable.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(Func<string, string?> header, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header("retry-after-ms") is { Length: > 0 } ms
            && double.TryParse(ms.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0 && double.IsFinite(millis))
        {
            return TimeSpan.FromMilliseconds(Math.Min(millis, TimeSpan.FromDays(1).TotalMilliseconds));
        }

        if (header("Retry-After") is not { Length: > 0 } raw)
        {
            return null;
        }

        raw = raw.Trim();
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 && double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds)) : null;
        }

        return ParseHttpDate(raw) is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }

    /// <summary>An HTTP-date in IMF-fixdate, RFC 850 or asctime form (always UTC); null when it is none of them.</summary>
    public static DateTimeOffset? ParseHttpDate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var collapsed = string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return DateTime.TryParseExact(collapsed, HttpDateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc))
            : null;
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
        var kind = ReasonFor(status, errorCode);
        // The code goes into the exception message and from there into logs and span statuses: only a code-shaped
        // value (a provider could put anything, even the request text, in that field).
        var code = IsErrorCode(errorCode) ? $" (error code '{errorCode}')" : string.Empty;
        var advice = kind switch
        {
            AiFailureReason.Unauthorized => " Check this instance's credentials (ApiKey or identity) and its permissions on the model/deployment.",
            AiFailureReason.RateLimited => retryAfter is { } r ? $" The provider asked to retry after {r.TotalMilliseconds:0} ms." : " The provider gave no Retry-After.",
            AiFailureReason.QuotaExhausted => " The account's quota or credit is spent; the target is kept out for Resilience:QuotaCooldown. Raise the quota or route elsewhere.",
            AiFailureReason.ContextLengthExceeded => " The prompt does not fit the model's context window; shorten the input or route to a model with a larger window.",
            AiFailureReason.BadRequest => " The request was rejected as invalid; check the model name and the call options for this route.",
            _ => string.Empty,
        };
        return new ProviderException(kind, instance, $"the provider answered HTTP {status}{code}.{advice}", status, retryAfter, inner);
    }

    /// <summary>Whether <paramref name="errorCode"/> looks like a provider error code (1-64 letters, digits, '_', '-', '.'), so it may be quoted.</summary>
    internal static bool IsErrorCode(string? errorCode) =>
        !string.IsNullOrEmpty(errorCode) && errorCode.Length <= 64 && errorCode.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>The provider refused the content (content filter, safety refusal).</summary>
    public static ProviderException ContentFiltered(string instance, string signal, int? status = null, Exception? inner = null) =>
        new(AiFailureReason.ContentFiltered, instance,
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
                new ProviderException(AiFailureReason.Timeout, instance, "the provider did not answer within the network timeout (NetworkTimeout setting).", null, null, exception),
            HttpRequestException { StatusCode: { } status } => FromStatus(instance, (int)status, null, null, exception),
            HttpRequestException or HttpIOException or IOException =>
                new ProviderException(AiFailureReason.Unavailable, instance, $"the connection to the provider failed ({exception.GetType().Name}). Check the Endpoint setting and that the service is reachable.", null, null, exception),
            // What SDKs throw while reading an answer they do not understand: a finish_reason they have no value for
            // ("eos" from an OpenAI-compatible server → ArgumentOutOfRangeException), no choices (index out of range),
            // a missing field (KeyNotFound, InvalidOperation, NullReference), a body that is not JSON.
            JsonException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException or KeyNotFoundException
                or InvalidCastException or NullReferenceException or (InvalidOperationException and not ObjectDisposedException) =>
                Malformed(instance, $"the provider's answer could not be read ({exception.GetType().Name})", exception),
            _ => null,
        };
    }

    /// <summary>The provider answered with something the SDK or the kernel cannot use (no choices, unknown finish reason, unreadable body).</summary>
    public static ProviderException Malformed(string instance, string what, Exception? inner = null, int? status = null) =>
        new(AiFailureReason.MalformedResponse, instance, what + ". Failing over to the route's next target.", status, null, inner);

    /// <summary>A stream ended without the provider saying it was complete (no finish reason): it was cut.</summary>
    public static ProviderException StreamEndedEarly(string instance, int updates) =>
        new(AiFailureReason.Unavailable, instance, $"the stream ended after {updates} update(s) without the provider signalling completion; the answer is incomplete.");
}
