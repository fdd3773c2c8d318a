using System.Net.Sockets;
using AiFunctions.Kernel.Errors;
using AiFunctions.Workflows.Failures;
using Azure;
using Microsoft.DurableTask;
using Xunit;

namespace AiFunctions.Workflows.Tests;

public sealed class FailureClassifierTests
{
    [Theory]
    [InlineData(408, true)]
    [InlineData(412, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(0, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(413, false)]
    public void Storage_failures_are_transient_for_no_answer_408_412_429_and_5xx_and_permanent_for_other_4xx(int status, bool transient)
    {
        var failure = FailureClassifier.Classify(new RequestFailedException(status, "storage said no", "SomeCode", null));

        Assert.Equal(transient, failure.IsTransient);
        Assert.Equal(transient ? FailureReasons.StorageUnavailable : FailureReasons.StorageRejected, failure.Reason);
    }

    [Fact]
    public void A_property_too_large_is_permanent_and_names_the_64_KiB_limit_without_quoting_the_service_message()
    {
        var failure = FailureClassifier.Classify(new RequestFailedException(400, "The property value exceeds the maximum allowed size (64KB). Value: Jane Doe ...", "PropertyValueTooLarge", null));

        Assert.False(failure.IsTransient);
        Assert.Contains("PropertyValueTooLarge (HTTP 400)", failure.Description, StringComparison.Ordinal);
        Assert.Contains("64 KiB", failure.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Doe", failure.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Kernel_failures_keep_their_reason_transience_and_retry_after()
    {
        var rateLimited = FailureClassifier.Classify(new ProviderException(AiFailureReason.RateLimited, "openai", "429.", 429, TimeSpan.FromSeconds(7)));
        var badRequest = FailureClassifier.Classify(new ProviderException(AiFailureReason.BadRequest, "openai", "400.", 400));

        Assert.Equal(("RateLimited", true, TimeSpan.FromSeconds(7)), (rateLimited.Reason, rateLimited.IsTransient, rateLimited.RetryAfter));
        Assert.Equal(("BadRequest", false), (badRequest.Reason, badRequest.IsTransient));
    }

    [Fact]
    public void A_kernel_failure_wrapped_in_another_exception_is_still_found()
    {
        var failure = FailureClassifier.Classify(new AggregateException(new InvalidOperationException("outer", new ProviderException(AiFailureReason.Unauthorized, "azure", "401.", 401))));

        Assert.Equal(("Unauthorized", false), (failure.Reason, failure.IsTransient));
    }

    [Fact]
    public void Network_failures_are_transient()
    {
        Assert.All(
            new Exception[] { new TimeoutException("x"), new HttpRequestException("x"), new SocketException((int)SocketError.ConnectionReset), new IOException("x"), new TaskCanceledException("x") },
            e => Assert.True(FailureClassifier.Classify(e).IsTransient, e.GetType().Name));
    }

    [Fact]
    public void An_arbitrary_exception_is_permanent_and_its_message_is_never_quoted()
    {
        var failure = FailureClassifier.Classify(new InvalidOperationException("resume of jane@example.com"));

        Assert.Equal((FailureReasons.Unexpected, false), (failure.Reason, failure.IsTransient));
        Assert.DoesNotContain("jane", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_retry_after_of_a_transient_activity_failure_survives_the_failure_details_and_raises_the_backoff()
    {
        var thrown = ActivityFailureException.From(new ClassifiedFailure("RateLimited", true, TimeSpan.FromSeconds(45), "429."));
        var details = TaskFailureDetails.FromException(thrown);

        Assert.True(details.IsCausedBy<TransientActivityFailureException>());
        Assert.False(details.IsCausedBy<PermanentActivityFailureException>());
        Assert.Equal(TimeSpan.FromSeconds(45), ActivityFailureException.RetryAfterOf(details));
        Assert.Equal("RateLimited: 429.", ActivityFailureException.ReasonOf(details));
        Assert.Equal(TimeSpan.FromSeconds(45), WorkflowRetry.Delay(1, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), details));
        Assert.Equal(TimeSpan.FromMinutes(1), WorkflowRetry.Delay(1, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TaskFailureDetails.FromException(
            ActivityFailureException.From(new ClassifiedFailure("RateLimited", true, TimeSpan.FromMinutes(10), "429.")))));
        Assert.Equal(TimeSpan.FromSeconds(8), WorkflowRetry.Delay(3, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TaskFailureDetails.FromException(new TimeoutException())));
    }
}
