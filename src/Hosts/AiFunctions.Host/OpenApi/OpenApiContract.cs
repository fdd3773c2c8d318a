using System.Text.Json.Nodes;
using AiFunctions.Hosting.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiFunctions.Host.OpenApi;

/// <summary>
/// Makes <c>GET /openapi/v1.json</c> a contract a client can be generated from: title and description, the security
/// schemes (<c>ApiKey</c>: the <c>X-Api-Key</c> header; <c>Bearer</c>: a JWT; <c>EventsKey</c>: the webhook's
/// <c>X-Events-Key</c> header) applied per operation — the health probes explicitly anonymous — and a request example for
/// every operation that takes a body. Operation ids are the route tables' names (unique; a test checks it).
/// </summary>
internal static class OpenApiContract
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";
    public const string EventsKeyScheme = "EventsKey";

    public static IServiceCollection AddAiFunctionsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options
            .AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            })
            .AddSchemaTransformer((schema, context, _) =>
            {
                DescribeEnum(schema, context.JsonTypeInfo.Type);
                return Task.CompletedTask;
            }));

    /// <summary>
    /// Enums are strings on the wire (ApiJson's strict enum converter accepts and writes only their names); the
    /// document generator recognises only JsonStringEnumConverter, so the names are declared here.
    /// </summary>
    internal static void DescribeEnum(OpenApiSchema schema, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var enumType = underlying ?? type;
        if (!enumType.IsEnum)
        {
            return;
        }

        schema.Type = underlying is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
        schema.Format = null;
        schema.Enum = [.. Enum.GetNames(enumType).Select(n => (JsonNode)JsonValue.Create(n))];
    }

    internal static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "AiFunctions API",
            Version = "v1",
            Description = "Batch resume screening and job description drafting with human review, provider catalog, and the " +
                "Event Grid / CloudEvents webhook. Errors are RFC 9457 problem details. Authenticate with the X-Api-Key header " +
                "(or a bearer token where configured); the health probes (/health/live, /health/ready) are anonymous; the webhook takes its own key in X-Events-Key.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHeader.Name,
            Description = "A key configured under AiFunctions:Auth:ApiKeys (stored as its hash, with its tenant and roles).",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from the configured identity provider (where the host is set up for bearer tokens).",
        };
        document.Components.SecuritySchemes[EventsKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Events-Key",
            Description = "AiFunctions:Events:Intake:SharedKey (or the 'code' query parameter), for the webhook only.",
        };

        var anonymous = ApiRoutes.All.Concat(EventApi.Routes).Where(r => r.Anonymous).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, path) in document.Paths)
        {
            foreach (var (_, operation) in path.Operations ?? [])
            {
                var id = operation.OperationId ?? string.Empty;
                operation.Security = id.StartsWith(EventApi.ReceiveEventsRoute.Name, StringComparison.Ordinal)
                    ? [Requirement(document, EventsKeyScheme)]
                    : anonymous.Contains(id)
                        ? []
                        : [Requirement(document, ApiKeyScheme), Requirement(document, BearerScheme)];
                if (Examples.TryGetValue(id, out var example) && operation.RequestBody?.Content is { } content)
                {
                    foreach (var (_, mediaType) in content)
                    {
                        mediaType.Example = JsonNode.Parse(example);
                    }
                }
            }
        }
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    /// <summary>Request examples by operation id (valid requests: a test posts each one).</summary>
    internal static IReadOnlyDictionary<string, string> Examples { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ApiRoutes.StartScreening.Name] = """
            {"batchId":"b-2026-001","tenant":"contoso","requisition":{"requisitionId":"req-7","title":"Platform Engineer","jobDescription":"Run our Kubernetes platform.","criteria":[{"id":"k8s","text":"Kubernetes in production","kind":"MustHave","weight":3}]},"candidates":[{"candidateId":"c-1","displayName":"Alex Doe","resumeText":"Five years running Kubernetes in production."}]}
            """,
        [ApiRoutes.ReviewScreening.Name] = """{"decision":"Approve","comment":"Shortlist looks right."}""",
        [ApiRoutes.StartJobDescription.Name] = """
            {"jobDescriptionId":"jd-42","tenant":"contoso","request":{"title":"Platform Engineer","department":"Engineering","location":"Remote","employmentType":"Full-time","responsibilities":["Run the platform"],"requirements":["Kubernetes"],"niceToHaves":["Go"]}}
            """,
        [ApiRoutes.ReviewJobDescription.Name] = """{"decision":"Revise","version":1,"comments":["Mention on-call duties."]}""",
        [EventApi.ReceiveEventsRoute.Name] = """
            [{"specversion":"1.0","id":"e-1","source":"/ats/workday","type":"hr.requisition.closed","tenantid":"contoso","datacontenttype":"application/json","data":{"requisitionId":"req-7","reason":"filled","closedAt":"2026-11-30T10:00:00Z"}}]
            """,
    };
}
