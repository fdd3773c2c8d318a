using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>JSON conventions of the API (camelCase, enums as strings) and body reading with a clean 400 on bad JSON.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>
    /// <see cref="Options"/> that also refuse a property the type does not have (a misspelt setting is a 400 naming it,
    /// not a default silently kept): for bodies whose every field is a setting, such as route settings.
    /// </summary>
    public static JsonSerializerOptions KnownMembersOnly { get; } = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    /// <summary>Applies the API's conventions to a host's serializer options (e.g. ConfigureHttpJsonOptions).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

        // Strict input: a key twice in one object is refused (not "last wins"), numbers are JSON numbers only.
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        foreach (var loose in options.Converters.OfType<JsonStringEnumConverter>().ToArray())
        {
            options.Converters.Remove(loose);
        }

        if (!options.Converters.OfType<StrictEnumConverterFactory>().Any())
        {
            options.Converters.Add(new StrictEnumConverterFactory());
        }
    }

    /// <summary>
    /// Reads the body as <typeparamref name="T"/>. Returns the value, or a problem-details answer: 415 for a media type
    /// other than JSON or a charset other than UTF-8, 400 for an empty body, malformed JSON, a duplicate key or an enum
    /// value that is not one of its names (the parser's position and path are reported, never the body), 413 over the
    /// body size limit, 408 when the body stalls (Kestrel's minimum data rate), 400 for any other bad body.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, JsonSerializerOptions? options = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CheckJsonMediaType(request.ContentType) is { } mediaProblem)
        {
            return (null, mediaProblem);
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options ?? Options, cancellationToken).ConfigureAwait(false);
            return value is null
                ? (null, ApiProblems.MalformedJson("The request body is empty or null: send a JSON object."))
                : (value, null);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ApiProblems.BadBody(ex));
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" (near '{ex.Path}')";
            var why = ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) ? ": a property occurs twice in one object; send each property once"
                : ex.Message.StartsWith("use one of", StringComparison.Ordinal) ? ": " + ex.Message
                : ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? ": this property does not exist here; check its spelling against the documented fields or remove it"
                : ". Check its syntax and value types";
            return (null, ApiProblems.MalformedJson($"The body could not be read as JSON{where}{path}{why}."));
        }
    }

    /// <summary>
    /// Null when <paramref name="contentType"/> is JSON (<c>application/json</c> or <c>*/*+json</c>) in UTF-8 (no
    /// charset, or utf-8); otherwise the 415 problem saying what to send.
    /// </summary>
    public static IResult? CheckJsonMediaType(string? contentType, params string[] accepted)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type)
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body must be JSON",
                $"Content-Type is {(string.IsNullOrEmpty(contentType) ? "missing" : "not a media type")}: send the body as JSON with Content-Type: {(accepted.Length > 0 ? accepted[0] : "application/json")}.");
        }

        var ok = accepted.Length > 0
            ? accepted.Contains(type, StringComparer.OrdinalIgnoreCase)
            : type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || (type.EndsWith("+json", StringComparison.OrdinalIgnoreCase) && type.StartsWith("application/", StringComparison.OrdinalIgnoreCase));
        if (!ok)
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body must be JSON",
                $"Content-Type '{Printable(type)}' is not accepted here: send {(accepted.Length > 0 ? string.Join(" or ", accepted) : "application/json")}.");
        }

        var charset = media.Charset.Value;
        if (charset is not null && !charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body must be UTF-8",
                $"Content-Type charset '{Printable(charset)}' is not supported: send UTF-8 JSON (charset=utf-8, or no charset).");
        }

        return null;
    }

    private static string Printable(string text)
    {
        var clean = new string(text.Where(c => c is >= ' ' and < (char)127).Take(64).ToArray());
        return clean.Length == text.Length ? clean : clean + "…";
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return options;
    }
}
