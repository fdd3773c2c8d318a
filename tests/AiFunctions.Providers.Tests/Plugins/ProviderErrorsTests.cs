using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using Xunit;

namespace AiFunctions.Providers.Tests.Plugins;

public sealed class ProviderErrorsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static TimeSpan? Parse(params (string Name, string Value)[] headers) =>
        ProviderErrors.ParseRetryAfter(name => headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value, Now);

    [Fact]
    public void RetryAfterMs_IsMilliseconds_AndWinsOverRetryAfter() =>
        Assert.Equal(TimeSpan.FromMilliseconds(50), Parse(("retry-after-ms", "50"), ("Retry-After", "7")));

    [Fact]
    public void RetryAfter_Seconds() => Assert.Equal(TimeSpan.FromSeconds(2), Parse(("Retry-After", "2")));

    [Fact]
    public void RetryAfter_HttpDate_IsTheDelayFromNow() =>
        Assert.Equal(TimeSpan.FromSeconds(5), Parse(("Retry-After", Now.AddSeconds(5).ToString("r", System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void RetryAfter_HttpDateInThePast_IsZero() =>
        Assert.Equal(TimeSpan.Zero, Parse(("Retry-After", Now.AddMinutes(-1).ToString("r", System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData("Fri, 27 Nov 2026 12:02:00 GMT")]     // IMF-fixdate
    [InlineData("Friday, 27-Nov-26 12:02:00 GMT")]    // obsolete RFC 850
    [InlineData("Fri Nov 27 12:02:00 2026")]          // asctime
    [InlineData("Fri Nov 27 12:02:00 2026  ")]        // asctime, trailing space
    public void RetryAfter_EveryRfc9110HttpDateForm_IsTheDelayFromNow(string value) =>
        Assert.Equal(TimeSpan.FromMinutes(2), Parse(("Retry-After", value)));

    [Fact]
    public void RetryAfter_AsctimeWithASingleDigitDay_IsRead() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 6, 8, 49, 37, TimeSpan.Zero), ProviderErrors.ParseHttpDate("Fri Nov  6 08:49:37 2026"));

    [Theory]
    [InlineData("1e400")]
    [InlineData("NaN")]
    public void RetryAfter_AbsurdNumbers_AreNotAWait(string value) => Assert.Null(Parse(("Retry-After", value)));

    [Theory]
    [InlineData(429, "insufficient_quota", AiFailureReason.QuotaExhausted)]
    [InlineData(429, "rate_limit_exceeded", AiFailureReason.RateLimited)]
    [InlineData(400, "context_length_exceeded", AiFailureReason.ContextLengthExceeded)]
    [InlineData(400, "invalid_request_error", AiFailureReason.BadRequest)]
    [InlineData(500, "context_length_exceeded", AiFailureReason.Unavailable)]
    public void ErrorCode_RefinesTheStatus(int status, string code, AiFailureReason reason) =>
        Assert.Equal(reason, ProviderErrors.ReasonFor(status, code));

    [Theory]
    [InlineData(typeof(ArgumentOutOfRangeException))]
    [InlineData(typeof(KeyNotFoundException))]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(IndexOutOfRangeException))]
    public void TranslateCommon_SdkReadFailures_AreMalformedResponses(Type exceptionType) =>
        Assert.Equal(AiFailureReason.MalformedResponse,
            ProviderErrors.TranslateCommon("x", (Exception)Activator.CreateInstance(exceptionType)!, callerCancelled: false)!.Reason);

    [Theory]
    [InlineData("soon")]
    [InlineData("-3")]
    [InlineData("")]
    public void RetryAfter_Unreadable_IsNull(string value) => Assert.Null(Parse(("Retry-After", value)));

    [Fact]
    public void NoHeaders_IsNull() => Assert.Null(Parse());

    [Theory]
    [InlineData(400, AiFailureReason.BadRequest)]
    [InlineData(401, AiFailureReason.Unauthorized)]
    [InlineData(403, AiFailureReason.Unauthorized)]
    [InlineData(404, AiFailureReason.NotSupported)] // the instance does not serve the model: next target (docs/kernel.md)
    [InlineData(301, AiFailureReason.NotSupported)] // a redirect is not followed: the Endpoint is stale
    [InlineData(307, AiFailureReason.NotSupported)]
    [InlineData(402, AiFailureReason.QuotaExhausted)]
    [InlineData(409, AiFailureReason.Unavailable)]
    [InlineData(413, AiFailureReason.NotSupported)]
    [InlineData(422, AiFailureReason.BadRequest)]
    [InlineData(499, AiFailureReason.Unavailable)]
    [InlineData(408, AiFailureReason.Timeout)]
    [InlineData(429, AiFailureReason.RateLimited)]
    [InlineData(500, AiFailureReason.Unavailable)]
    [InlineData(503, AiFailureReason.Unavailable)]
    [InlineData(529, AiFailureReason.Unavailable)]
    public void Status_MapsToKind(int status, AiFailureReason kind) => Assert.Equal(kind, ProviderErrors.ReasonForStatus(status));

    [Theory]
    [InlineData("6m0s", 360_000)]
    [InlineData("1m30.5s", 90_500)]
    [InlineData("20ms", 20)]
    [InlineData("1h2m3s", 3_723_000)]
    [InlineData("1.5", 1_500)]
    public void RateLimitReset_GoDurations_AreReadWhenNoRetryAfterCame(string value, double millis) =>
        Assert.Equal(TimeSpan.FromMilliseconds(millis), Parse(("x-ratelimit-reset-requests", value), ("x-ratelimit-remaining-requests", "0")));

    [Fact]
    public void RateLimitReset_OfAWindowWithRequestsLeft_IsNotAWait() =>
        Assert.Null(Parse(("x-ratelimit-reset-requests", "6m0s"), ("x-ratelimit-remaining-requests", "12")));

    [Fact]
    public void RetryAfter_WinsOverRateLimitReset() =>
        Assert.Equal(TimeSpan.FromSeconds(2), Parse(("Retry-After", "2"), ("x-ratelimit-reset-requests", "6m0s")));

    [Theory]
    [InlineData(400, "This model's maximum context length is 8192 tokens", AiFailureReason.ContextLengthExceeded)]
    [InlineData(400, "Your credit balance is too low to access the Anthropic API.", AiFailureReason.QuotaExhausted)]
    [InlineData(400, "Invalid value for temperature", AiFailureReason.BadRequest)]
    [InlineData(500, "maximum context length", AiFailureReason.Unavailable)] // a 5xx stays an outage whatever it says
    [InlineData(429, "Rate limit reached for requests", AiFailureReason.RateLimited)]
    public void ErrorText_RefinesTheStatus_WithoutBeingCopied(int status, string text, AiFailureReason kind)
    {
        Assert.Equal(kind, ProviderErrors.ReasonFor(status, null, text));
        Assert.DoesNotContain(text, ProviderErrors.FromStatus("p", status, null, null, text, null).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStatus_NamesInstanceStatusAndCode_AndCarriesRetryAfter()
    {
        var error = ProviderErrors.FromStatus("eu-west", 429, TimeSpan.FromSeconds(3), "rate_limit_exceeded", null);

        Assert.Equal(AiFailureReason.RateLimited, error.Reason);
        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        Assert.Contains("eu-west", error.Message, StringComparison.Ordinal);
        Assert.Contains("429", error.Message, StringComparison.Ordinal);
        Assert.Contains("rate_limit_exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TranslateCommon_LeavesTheCallersOwnCancellationAlone()
    {
        Assert.Null(ProviderErrors.TranslateCommon("x", new OperationCanceledException(), callerCancelled: true));
        Assert.Equal(AiFailureReason.Timeout, ProviderErrors.TranslateCommon("x", new TaskCanceledException(), callerCancelled: false)!.Reason);
        Assert.Equal(AiFailureReason.Unavailable, ProviderErrors.TranslateCommon("x", new HttpRequestException("refused"), callerCancelled: false)!.Reason);
        Assert.Equal(AiFailureReason.MalformedResponse, ProviderErrors.TranslateCommon("x", new System.Text.Json.JsonException(), callerCancelled: false)!.Reason);
    }

    [Fact]
    public void A_code_shaped_error_code_is_quoted_in_the_message() =>
        Assert.Contains("(error code 'rate_limit_exceeded')", ProviderErrors.FromStatus("i", 429, null, "rate_limit_exceeded", null).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Please summarise: Jane Roe, jane.roe@example.com, 8 years of C#")] // a provider echoing the prompt
    [InlineData("code\nwith newline")]
    [InlineData("a-very-long-code-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void An_error_code_that_is_not_code_shaped_never_reaches_the_message(string errorCode)
    {
        var error = ProviderErrors.FromStatus("i", 400, null, errorCode, null);
        Assert.DoesNotContain("error code", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(errorCode, error.Message, StringComparison.Ordinal);
        Assert.Equal(AiFailureReason.BadRequest, error.Reason);
    }
}
