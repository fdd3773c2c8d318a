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
    [InlineData(404, AiFailureReason.BadRequest)]
    [InlineData(408, AiFailureReason.Timeout)]
    [InlineData(429, AiFailureReason.RateLimited)]
    [InlineData(500, AiFailureReason.Unavailable)]
    [InlineData(503, AiFailureReason.Unavailable)]
    [InlineData(529, AiFailureReason.Unavailable)]
    public void Status_MapsToKind(int status, AiFailureReason kind) => Assert.Equal(kind, ProviderErrors.ReasonForStatus(status));

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
