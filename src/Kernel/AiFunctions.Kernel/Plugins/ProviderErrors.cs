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
public static partial class ProviderErrors
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

    /// <summary>
    /// Phrases with which servers say the prompt does not fit the context window when they send no error code
    /// (Azure's "maximum context length" with a null code, vLLM, llama.cpp, LM Studio, Ollama, Anthropic). Matched
    /// case-insensitively to classify only; the text is never copied.
    /// </summary>
    private static readonly string[] ContextLengthPhrases =
    [
        "context length", "context_length", "context window", "context size", "maximum context", "prompt is too long",
        "prompt too long", "too many tokens", "input is too long", "input length exceeds",
    ];

    /// <summary>
    /// How providers begin the message that says the account's credit or quota is spent (Anthropic: "Your credit balance
    /// is too low"). Matched only at the start of the message: an error message may quote the request, and a phrase
    /// inside a quoted resume must not keep a target out of every route.
    /// </summary>
    private static readonly string[] QuotaOpenings =
    [
        "Your credit balance is too low", "You exceeded your current quota", "insufficient_quota", "Insufficient credits", "Insufficient balance",
    ];

    /// <summary>
    /// The failure reason an HTTP status means (before error codes refine it). Judgement calls (docs/kernel.md,
    /// failure table): a redirect (3xx, never followed: the API key would go to another host), 404 (the instance does
    /// not serve the model or deployment) and 413 (the endpoint's own body limit) are <see cref="AiFailureReason.NotSupported"/>:
    /// this target cannot serve the request, another may; 402 (a gateway's spent credit) is
    /// <see cref="AiFailureReason.QuotaExhausted"/>; 409 (retried by OpenAI's own SDKs), 425 and 499 (a gateway's
    /// "client closed request") are <see cref="AiFailureReason.Unavailable"/>.
    /// </summary>
    public static AiFailureReason ReasonForStatus(int status) => status switch
    {
        >= 300 and < 400 => AiFailureReason.NotSupported,
        401 or 403 => AiFailureReason.Unauthorized,
        402 => AiFailureReason.QuotaExhausted,
        404 or 413 => AiFailureReason.NotSupported,
        408 => AiFailureReason.Timeout,
        409 or 425 or 499 => AiFailureReason.Unavailable,
        429 => AiFailureReason.RateLimited,
        >= 500 => AiFailureReason.Unavailable,
        _ => AiFailureReason.BadRequest,
    };

    /// <summary>
    /// The failure reason of an error response: the status, refined by the provider's error code
    /// (<c>insufficient_quota</c> → <see cref="AiFailureReason.QuotaExhausted"/>, <c>context_length_exceeded</c> →
    /// <see cref="AiFailureReason.ContextLengthExceeded"/>).
    /// </summary>
    public static AiFailureReason ReasonFor(int status, string? errorCode) => ReasonFor(status, errorCode, null);

    /// <summary>
    /// <see cref="ReasonFor(int, string?)"/>, then, when the code decided nothing, the provider's error message
    /// <paramref name="errorText"/> is read: a message that opens with a provider's quota sentence (400/402/403/429) is
    /// quota; one that mentions the context window (400/413/422) is context length (like <see cref="AiFailureReason.BadRequest"/>
    /// permanent and not failed over, so a phrase quoted from the request changes nothing that matters). The text is only
    /// matched, never copied into a message.
    /// </summary>
    public static AiFailureReason ReasonFor(int status, string? errorCode, string? errorText)
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

        if (errorText is { Length: > 0 })
        {
            if (status is 400 or 402 or 403 or 429 && Opens(errorText, QuotaOpenings))
            {
                return AiFailureReason.QuotaExhausted;
            }

            if (status is 400 or 413 or 422 && Mentions(errorText, ContextLengthPhrases))
            {
                return AiFailureReason.ContextLengthExceeded;
            }
        }

        return ReasonForStatus(status);
    }

    private static bool Opens(string text, string[] openings)
    {
        var start = text.AsSpan().TrimStart();
        foreach (var opening in openings)
        {
            if (start.StartsWith(opening, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Mentions(string text, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The delay a response asks for: <c>retry-after-ms</c> (milliseconds, OpenAI/Azure), else <c>Retry-After</c> as
    /// delay-seconds or an HTTP-date in any of the three forms of RFC 9110 §5.6.7 (IMF-fixdate, RFC 850, asctime),
    /// relative to <paramref name="now"/>; a date in the past means no wait. Null when absent or unreadable.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(Func<string, string?> header, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);
        return ParseRetryAfter(header, static (read, name) => read(name), now);
    }

    // The state-passing form: a caller with headers at hand reads them through a static delegate (no closure per call).
    private static TimeSpan? ParseRetryAfter<TState>(TState state, Func<TState, string, string?> header, DateTimeOffset now)
    {
        if (header(state, "retry-after-ms") is { Length: > 0 } ms
            && double.TryParse(ms.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0 && double.IsFinite(millis))
        {
            return TimeSpan.FromMilliseconds(Math.Min(millis, MaxHint.TotalMilliseconds));
        }

        if (header(state, "Retry-After") is not { Length: > 0 } raw)
        {
            return ParseRateLimitReset(state, header, now);
        }

        raw = raw.Trim();
        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 && double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Min(seconds, MaxHint.TotalSeconds)) : ParseRateLimitReset(state, header, now);
        }

        return ParseHttpDate(raw) is { } date ? Clamp(date - now) : ParseRateLimitReset(state, header, now);
    }

    /// <summary>The longest wait a hint is read as (a longer one is a provider's bug, not a plan).</summary>
    private static readonly TimeSpan MaxHint = TimeSpan.FromDays(1);

    /// <summary>The rate-limit windows whose reset headers are read: OpenAI's x-ratelimit-* and Anthropic's anthropic-ratelimit-*.</summary>
    private static readonly string[] RateLimitKinds = ["requests", "tokens", "input-tokens", "output-tokens"];

    /// <summary>
    /// The (reset, remaining) header names of every window, built once: every provider response is read for them
    /// (HttpResponseCapture), so they are not formatted per response.
    /// </summary>
    private static readonly (string Reset, string Remaining)[] RateLimitHeaders =
    [
        .. RateLimitKinds.SelectMany(kind => new[]
        {
            ($"x-ratelimit-reset-{kind}", $"x-ratelimit-remaining-{kind}"),
            ($"anthropic-ratelimit-{kind}-reset", $"anthropic-ratelimit-{kind}-remaining"),
        }),
    ];

    /// <summary>
    /// When no Retry-After came: the wait until the exhausted rate-limit window resets, from OpenAI's
    /// <c>x-ratelimit-reset-{requests|tokens}</c> (a Go duration such as <c>6m0s</c>, <c>1m30.5s</c>, <c>20ms</c>) or
    /// Anthropic's <c>anthropic-ratelimit-{kind}-reset</c> (an RFC 3339 instant). Only windows whose
    /// <c>…-remaining</c> header is 0 (or absent) count; the longest of them is the wait. Null when none is readable.
    /// </summary>
    private static TimeSpan? ParseRateLimitReset<TState>(TState state, Func<TState, string, string?> header, DateTimeOffset now)
    {
        TimeSpan? longest = null;
        foreach (var (reset, remaining) in RateLimitHeaders)
        {
            if (header(state, reset) is not { Length: > 0 } value || (header(state, remaining) is { Length: > 0 } left && left.Trim() != "0"))
            {
                continue;
            }

            var wait = ParseDuration(value.Trim())
                ?? (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) && value.Contains('T', StringComparison.Ordinal)
                    ? Clamp(at - now)
                    : null);
            if (wait is { } w && (longest is null || w > longest))
            {
                longest = w;
            }
        }

        return longest;
    }

    /// <summary>A Go duration ("1h2m3.5s", "6m0s", "20ms", "1.5s") or plain seconds ("12"); null otherwise.</summary>
    private static TimeSpan? ParseDuration(string value)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            return plain >= 0 && double.IsFinite(plain) ? TimeSpan.FromSeconds(Math.Min(plain, MaxHint.TotalSeconds)) : null;
        }

        var match = GoDuration().Match(value);
        if (!match.Success || match.Length == 0)
        {
            return null;
        }

        double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = (Part("h") * 3600) + (Part("m") * 60) + Part("s") + (Part("ms") / 1000);
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxHint.TotalSeconds));
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > MaxHint ? MaxHint : wait;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+(?:\.\d+)?)ms)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex GoDuration();

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
        return ParseRetryAfter(headers, static (h, name) => h.TryGetValues(name, out var values) ? values.FirstOrDefault() : null, now);
    }

    /// <summary>A provider answered with an error status.</summary>
    /// <param name="errorCode">The provider's error code/type (e.g. "rate_limit_exceeded"), never message text that may echo the prompt.</param>
    public static ProviderException FromStatus(string instance, int status, TimeSpan? retryAfter, string? errorCode, Exception? inner) =>
        FromStatus(instance, status, retryAfter, errorCode, null, inner);

    /// <summary>A provider answered with an error status.</summary>
    /// <param name="errorCode">The provider's error code/type (e.g. "rate_limit_exceeded"); quoted in the message only when code-shaped.</param>
    /// <param name="errorText">The provider's error message: matched for quota and context-length phrases (<see cref="ReasonFor(int, string?, string?)"/>), never copied.</param>
    public static ProviderException FromStatus(string instance, int status, TimeSpan? retryAfter, string? errorCode, string? errorText, Exception? inner)
    {
        var kind = ReasonFor(status, errorCode, errorText);
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
            AiFailureReason.NotSupported when status is >= 300 and < 400 => " The endpoint redirects (not followed: the credentials would go to another host); set this instance's Endpoint to the final URL. Failing over.",
            AiFailureReason.NotSupported when status == 404 => " This instance does not serve the model or deployment (or its Endpoint path is wrong); check its Models and Endpoint settings. Failing over.",
            AiFailureReason.NotSupported => " The request is larger than this endpoint accepts. Failing over.",
            AiFailureReason.Unavailable => " The provider or a gateway in front of it is unwell; retried, then failed over.",
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
