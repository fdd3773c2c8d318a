using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>JSON conventions of the API (camelCase, enums as strings) and body reading with a clean 400 on bad JSON.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the API's conventions to a host's serializer options (e.g. ConfigureHttpJsonOptions).</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Numbers are JSON numbers, as the OpenAPI document says ("weight": 2, not "2"): the web defaults' leniency made
        // the document type every number as number-or-string, which generated clients cannot bind.
        options.NumberHandling = JsonNumberHandling.Strict;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter());
        }
    }

    /// <summary>
    /// Reads the body as <typeparamref name="T"/>. Returns the value, or a 400 problem-details for an empty body, a
    /// wrong content type or malformed JSON (the parser's position is reported, never the body itself).
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body must be JSON",
                "Send the body as JSON with Content-Type: application/json."));
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(Options, cancellationToken).ConfigureAwait(false);
            return value is null
                ? (null, ApiProblems.MalformedJson("The request body is empty or null: send a JSON object."))
                : (value, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The request body is too large",
                "The request body exceeds the server's size limit. Split the batch, or pass large resumes as blob references."));
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" (near '{ex.Path}')";
            return (null, ApiProblems.MalformedJson($"The body could not be read as JSON{where}{path}. Check its syntax and value types."));
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return options;
    }
}
