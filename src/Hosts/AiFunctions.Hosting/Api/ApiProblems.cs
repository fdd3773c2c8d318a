using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// The problem-details (RFC 9457) responses of the API. Every 4xx carries a <c>type</c> that identifies the case,
/// a title, a detail that says what to do and, where a limit is involved, the limit as an extension member.
/// </summary>
public static class ApiProblems
{
    private const string TypeBase = "https://aifunctions.dev/problems/";

    public static IResult MalformedJson(string detail) =>
        Problem(StatusCodes.Status400BadRequest, "malformed-json", "The request body is not valid JSON", detail);

    /// <summary>Most problems listed in one validation answer; the rest are counted.</summary>
    public const int MaxListedErrors = 20;

    /// <summary>400 listing the problems (at most <see cref="MaxListedErrors"/>, each once; the total is given).</summary>
    public static IResult Validation(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var distinct = errors.Distinct(StringComparer.Ordinal).ToArray();
        var listed = distinct.Take(MaxListedErrors).Select(e => e.Length <= 500 ? e : e[..500] + "…").ToArray();
        return Problem(StatusCodes.Status400BadRequest, "validation", "The request is invalid",
            distinct.Length == 1 ? listed[0]
            : distinct.Length <= MaxListedErrors ? $"{distinct.Length} problems were found; see errors."
            : $"{distinct.Length} problems were found; errors lists the first {MaxListedErrors}.",
            new Dictionary<string, object?> { ["errors"] = listed, ["errorCount"] = distinct.Length });
    }

    public static IResult EmptyBatch() =>
        Problem(StatusCodes.Status400BadRequest, "empty-batch", "The batch has no candidates",
            "candidates is empty: send at least one candidate.");

    public static IResult BatchTooLarge(int count, int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "batch-too-large", "The batch is too large",
            $"candidates holds {count} candidates; the limit is {limit} per batch. Split it into several batches.",
            new Dictionary<string, object?> { ["limit"] = limit, ["count"] = count });

    public static IResult ResumeTooLarge(int index, int length, int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "resume-too-large", "A resume is too large",
            $"candidates[{index}].resumeText is {length} characters; the limit is {limit} characters. Shorten it, or split the batch.",
            new Dictionary<string, object?> { ["limit"] = limit, ["index"] = index, ["length"] = length });

    public static IResult NotFound(string what, string id) =>
        Problem(StatusCodes.Status404NotFound, "not-found", $"Unknown {what}",
            $"There is no {what} with id '{Truncate(id)}'. Check the id, or start one first.");

    public static IResult Conflict(string kind, string detail) =>
        Problem(StatusCodes.Status409Conflict, kind, "The request conflicts with the resource's state", detail);

    /// <summary>401: no usable credentials; <paramref name="reason"/> says what was wrong with the ones sent, if any.</summary>
    public static IResult Unauthorized(string? reason = null) =>
        Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Authentication required",
            (reason is null ? string.Empty : reason.TrimEnd('.') + ". ") +
            $"Send an API key in the {ApiKeyHeader.Name} header or a bearer token in the Authorization header.");

    /// <summary>403: authenticated, but the caller's roles or tenant do not allow this.</summary>
    public static IResult Forbidden(string kind, string detail) =>
        Problem(StatusCodes.Status403Forbidden, kind, "Not allowed", detail);

    /// <summary>The answer to a body Kestrel refused while it was read: 408 stalled, 413 too large, 400 otherwise.</summary>
    public static IResult BadBody(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode switch
        {
            StatusCodes.Status408RequestTimeout => Problem(StatusCodes.Status408RequestTimeout, "request-timeout", "The request body arrived too slowly",
                "The request body stalled below the server's minimum data rate: send the whole body without pauses."),
            StatusCodes.Status413PayloadTooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The request body is too large",
                "The request body exceeds the server's size limit. Split the batch, or upload large resumes first (POST /api/resumes)."),
            _ => Problem(StatusCodes.Status400BadRequest, "bad-request", "The request could not be read",
                "The request body could not be read (malformed framing or an aborted upload): send it again."),
        };
    }

    /// <summary>503 with Retry-After: storage (or another dependency) failed transiently; the request did nothing.</summary>
    public static IResult Unavailable(string what, TimeSpan retryAfter) =>
        new RetryAfterResult(
            Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", "Temporarily unavailable",
                $"{what} is not answering; nothing was changed. Retry after {(int)Math.Ceiling(retryAfter.TotalSeconds)} s.",
                new Dictionary<string, object?> { ["retryAfterSeconds"] = (int)Math.Ceiling(retryAfter.TotalSeconds) }),
            retryAfter);

    public static IResult Problem(int status, string kind, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + kind, extensions: extensions);

    private static string Truncate(string id) => id.Length <= 64 ? id : id[..64] + "…";

    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
