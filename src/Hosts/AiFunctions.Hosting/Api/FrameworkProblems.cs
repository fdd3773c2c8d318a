using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// Gives the framework's own answers (no endpoint 404, 405, a 415 from content-type matching, a 400 from binding) the
/// same shape as the API's: a <c>type</c> under https://aifunctions.dev/problems/ and a <c>detail</c> that says what to
/// do. Plug into <c>AddProblemDetails(o =&gt; o.CustomizeProblemDetails = FrameworkProblems.Customize)</c>.
/// Values from the request are never echoed unless they are printable and short.
/// </summary>
public static class FrameworkProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var path = Printable(request.Path.Value ?? "/");
        (problem.Type, problem.Detail) = problem.Status switch
        {
            StatusCodes.Status404NotFound => (Type("not-found"), $"There is no operation at {path}: check the path; GET /openapi/v1.json lists every operation."),
            StatusCodes.Status405MethodNotAllowed => (Type("method-not-allowed"),
                $"{Printable(request.Method)} is not allowed on {path}{(context.HttpContext.Response.Headers.Allow is { Count: > 0 } allow ? $": use {allow}" : string.Empty)}."),
            StatusCodes.Status415UnsupportedMediaType => (Type("unsupported-media-type"),
                $"Content-Type '{Printable(request.ContentType ?? "(none)")}' is not accepted here: send application/json in UTF-8."),
            StatusCodes.Status400BadRequest => (Type("bad-request"), "The request could not be read: check the path parameters, query string and body against GET /openapi/v1.json."),
            StatusCodes.Status401Unauthorized => (Type("unauthorized"), $"Send an API key in the {ApiKeyHeader.Name} header or a bearer token in the Authorization header."),
            StatusCodes.Status403Forbidden => (Type("forbidden"), "The caller's roles do not allow this operation."),
            StatusCodes.Status408RequestTimeout => (Type("request-timeout"), "The request arrived too slowly: send it again without pauses."),
            StatusCodes.Status413PayloadTooLarge => (Type("body-too-large"), "The request body exceeds the server's size limit."),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => (Type("headers-too-large"), "The request headers exceed the server's size limit."),
            _ => (problem.Type, problem.Title ?? "The request failed."),
        };
    }

    private static string Type(string kind) => "https://aifunctions.dev/problems/" + kind;

    private static string Printable(string text)
    {
        var clean = new string(text.Where(c => c is >= ' ' and < (char)127).Take(128).ToArray());
        return clean.Length == text.Length ? clean : clean + "…";
    }
}
