using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using AiFunctions.Kernel.Errors;
using Azure;

namespace AiFunctions.Workflows.Failures;

/// <summary>
/// Classifies any exception a workflow activity, event handler or the webhook meets into a
/// <see cref="ClassifiedFailure"/>: retry (transient) or settle now (permanent), with a content-free description.
/// Rules, in order, applied to the exception and then its inner exceptions:
/// <list type="bullet">
/// <item><see cref="AiKernelException"/>: its <c>Reason</c>, <c>IsTransient</c> and <c>RetryAfter</c> (the kernel's taxonomy;
/// its messages hold no prompt or answer text).</item>
/// <item><see cref="RequestFailedException"/> (Azure Storage): no response, 408, 412, 429 and 5xx are transient
/// (<see cref="FailureReasons.StorageUnavailable"/>, Retry-After honoured); any other 4xx is permanent
/// (<see cref="FailureReasons.StorageRejected"/>) with the storage error code and what to fix.</item>
/// <item>An Azure SDK exception with a public <c>bool IsTransient</c> (e.g. <c>ServiceBusException</c>): as it says.</item>
/// <item><c>Grpc.Core.RpcException</c> (the Durable Task client): Unavailable, DeadlineExceeded, ResourceExhausted, Aborted,
/// Internal, Unknown, Cancelled transient; other status codes permanent.</item>
/// <item><see cref="TimeoutException"/>, <see cref="HttpRequestException"/>, <see cref="IOException"/>,
/// <see cref="SocketException"/>, a cancellation not asked for: transient.</item>
/// <item><see cref="ArgumentException"/>, <see cref="FormatException"/>, <see cref="JsonException"/>: permanent (<see cref="FailureReasons.InvalidInput"/>).</item>
/// <item>Anything else: permanent (<see cref="FailureReasons.Unexpected"/>), as the kernel treats <c>Unknown</c>.</item>
/// </list>
/// Descriptions never quote an arbitrary exception's message (it may hold personal data): only type names, status and
/// error codes, and the messages of the kernel's own exceptions, which are content-free by contract.
/// </summary>
public static class FailureClassifier
{
    /// <summary>Longest description produced (Service Bus keeps dead-letter descriptions short; stores keep it small).</summary>
    public const int MaxDescriptionChars = 900;

    /// <summary>Classifies <paramref name="exception"/> (see the rules above).</summary>
    public static ClassifiedFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : e.InnerException)
        {
            if (TryClassify(e) is { } known)
            {
                return known;
            }
        }

        return new(FailureReasons.Unexpected, false, null,
            $"An unexpected {exception.GetType().Name} occurred; it is not retried. The host log has it under this item's correlation id.");
    }

    /// <summary>The storage error codes we name a fix for.</summary>
    internal static string StorageHint(string? errorCode) => errorCode switch
    {
        "PropertyValueTooLarge" => "A table property is larger than 64 KiB (32,768 UTF-16 characters): the field must be limited at the edge or stored as a blob (claim check).",
        "EntityTooLarge" => "A table entity is larger than 1 MiB: move large fields to blob storage.",
        "RequestBodyTooLarge" => "The request body is larger than the storage service accepts.",
        "AuthorizationFailure" or "AuthenticationFailed" or "AuthorizationPermissionMismatch" =>
            "The storage credentials or role assignments are wrong: check AiFunctions:Storage:ConnectionString or the managed identity's roles.",
        "InvalidInput" or "InvalidValueType" or "PropertyNameInvalid" or "OutOfRangeInput" => "A key or property value is not valid for Table storage.",
        _ => "The request is wrong for the storage service; retrying it cannot help.",
    };

    private static ClassifiedFailure? TryClassify(Exception e) => e switch
    {
        AiKernelException k => new(k.Reason.ToString(), k.IsTransient, k.RetryAfter, Truncate(k.Message)),
        RequestFailedException r => Storage(r),
        TimeoutException => new(FailureReasons.DependencyUnavailable, true, null, "A dependency call timed out."),
        OperationCanceledException => new(FailureReasons.DependencyUnavailable, true, null, "A dependency call was cancelled before it finished (a time-out)."),
        HttpRequestException h => new(FailureReasons.DependencyUnavailable, true, null,
            h.StatusCode is { } s ? $"An HTTP call failed with status {(int)s}." : $"An HTTP call failed ({h.HttpRequestError})."),
        SocketException s => new(FailureReasons.DependencyUnavailable, true, null, $"A network call failed ({s.SocketErrorCode})."),
        IOException => new(FailureReasons.DependencyUnavailable, true, null, "A network or file read/write failed."),
        ArgumentException a => new(FailureReasons.InvalidInput, false, null,
            a.ParamName is { Length: > 0 } p ? $"The input is not valid ({a.GetType().Name} for '{p}')." : $"The input is not valid ({a.GetType().Name})."),
        FormatException or JsonException => new(FailureReasons.InvalidInput, false, null, $"The input could not be read ({e.GetType().Name})."),
        _ => Grpc(e) ?? AzureSdk(e),
    };

    /// <summary>
    /// gRPC failures (the Durable Task client talks to its sidecar or scheduler over gRPC): matched by type name so this
    /// assembly needs no gRPC reference. Unavailable, DeadlineExceeded, ResourceExhausted, Aborted, Internal, Unknown
    /// and Cancelled are transient; the other status codes are permanent.
    /// </summary>
    private static ClassifiedFailure? Grpc(Exception e)
    {
        if (e.GetType().FullName != "Grpc.Core.RpcException" || e.GetType().GetProperty("StatusCode")?.GetValue(e)?.ToString() is not { } status)
        {
            return null;
        }

        return status is "Unavailable" or "DeadlineExceeded" or "ResourceExhausted" or "Aborted" or "Internal" or "Unknown" or "Cancelled"
            ? new(FailureReasons.DependencyUnavailable, true, null, $"The durable task backend is unavailable (gRPC {status}).")
            : new(FailureReasons.DependencyRejected, false, null, $"The durable task backend refused the request (gRPC {status}).");
    }

    private static ClassifiedFailure Storage(RequestFailedException r)
    {
        var transient = r.Status is 0 or 408 or 412 or 429 or >= 500;
        var code = string.IsNullOrEmpty(r.ErrorCode) ? null : r.ErrorCode;
        var what = code is null ? $"HTTP {r.Status}" : $"{code} (HTTP {r.Status})";
        return transient
            ? new(FailureReasons.StorageUnavailable, true, RetryAfterOf(r), r.Status == 0 ? "Azure Storage did not answer." : $"Azure Storage is unavailable: {what}.")
            : new(FailureReasons.StorageRejected, false, null, Truncate($"Azure Storage refused the request: {what}. {StorageHint(code)}"));
    }

    /// <summary>Azure SDK exceptions follow one guideline: a public <c>IsTransient</c> (and often a <c>Reason</c>).</summary>
    private static ClassifiedFailure? AzureSdk(Exception e)
    {
        var type = e.GetType();
        if (type.GetProperty("IsTransient")?.GetValue(e) is not bool transient)
        {
            return null;
        }

        var reason = type.GetProperty("Reason")?.GetValue(e)?.ToString();
        var what = reason is null ? type.Name : $"{type.Name} ({reason})";
        return transient
            ? new(FailureReasons.DependencyUnavailable, true, null, $"A dependency is unavailable: {what}.")
            : new(FailureReasons.DependencyRejected, false, null, $"A dependency refused the request: {what}.");
    }

    private static TimeSpan? RetryAfterOf(RequestFailedException r)
    {
        if (r.GetRawResponse() is not { } response || !response.Headers.TryGetValue("Retry-After", out var value) || value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > DateTimeOffset.UtcNow
            ? at - DateTimeOffset.UtcNow
            : null;
    }

    private static string Truncate(string text) => text.Length <= MaxDescriptionChars ? text : text[..(MaxDescriptionChars - 1)] + "…";
}
