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

    public static IResult Validation(IReadOnlyList<string> errors) =>
        Problem(StatusCodes.Status400BadRequest, "validation", "The request is invalid",
            errors.Count == 1 ? errors[0] : $"{errors.Count} problems were found; see errors.",
            new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult EmptyBatch() =>
        Problem(StatusCodes.Status400BadRequest, "empty-batch", "The batch has no candidates",
            "candidates is empty: send at least one candidate.");

    public static IResult BatchTooLarge(int count, int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "batch-too-large", "The batch is too large",
            $"candidates holds {count} candidates; the limit is {limit} per batch. Split it into several batches.",
            new Dictionary<string, object?> { ["limit"] = limit, ["count"] = count });

    public static IResult ResumeTooLarge(int index, int length, int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "resume-too-large", "A resume is too large",
            $"candidates[{index}].resumeText is {length} characters; the limit is {limit} characters. Shorten it, or upload it as a blob and pass resumeBlobName.",
            new Dictionary<string, object?> { ["limit"] = limit, ["index"] = index, ["length"] = length });

    public static IResult NotFound(string what, string id) =>
        Problem(StatusCodes.Status404NotFound, "not-found", $"Unknown {what}",
            $"There is no {what} with id '{Truncate(id)}'. Check the id, or start one first.");

    public static IResult Conflict(string kind, string detail) =>
        Problem(StatusCodes.Status409Conflict, kind, "The request conflicts with the resource's state", detail);

    public static IResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Authentication required",
            $"Send a valid API key in the {ApiKeyHeader.Name} header.");

    public static IResult Problem(int status, string kind, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + kind, extensions: extensions);

    private static string Truncate(string id) => id.Length <= 64 ? id : id[..64] + "…";
}
