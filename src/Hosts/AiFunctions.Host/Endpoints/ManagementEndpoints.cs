using AiFunctions.Host.Api;
using AiFunctions.Hosting.Api.Management;
using RouteOptions = AiFunctions.Kernel.Routing.RouteOptions;

namespace AiFunctions.Host.Endpoints;

/// <summary>Maps <see cref="ManagementRoutes.All"/>: the management API the operator console is a client of.</summary>
internal static class ManagementEndpoints
{
    private const string Tag = "Management";

    public static IEndpointRouteBuilder MapManagementEndpoints(this IEndpointRouteBuilder app)
    {
        ApiEndpoints.Map(app, ManagementRoutes.ListRoutes, Tag, "Every route with its version, who changed it last, its settings and its targets' circuits and limits",
                (HttpRequest r, RouteManagementApi api, CancellationToken ct) => api.ListAsync(r, ct))
            .Produces<ManagedRouteList>();
        ApiEndpoints.Map(app, ManagementRoutes.GetRoute, Tag, "One route (ETag = its version, for If-Match on a change)",
                (HttpRequest r, string route, RouteManagementApi api, CancellationToken ct) => api.GetAsync(r, route, ct))
            .Produces<ManagedRoute>().ProducesProblem(StatusCodes.Status404NotFound);
        ApiEndpoints.Map(app, ManagementRoutes.ListRouteVersions, Tag, "The route's versions with who, when, why, before and after, newest first; version 0 is the configuration",
                (HttpRequest r, string route, RouteManagementApi api, CancellationToken ct) => api.ListVersionsAsync(r, route, ct))
            .WithQueryParameters(("pageSize", "Versions per page, 1-200 (default 50).", true), ("continuationToken", "The previous page's continuationToken.", false))
            .Produces<RouteVersionList>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        ApiEndpoints.Map(app, ManagementRoutes.ChangeRoute, Tag, "Replace a route's settings (the shape of AiFunctions:Routes:{route}); validated like start-up, recorded as the next version and applied without a restart",
                (HttpRequest r, string route, RouteManagementApi api, CancellationToken ct) => api.ChangeAsync(r, route, ct))
            .Accepts<RouteOptions>("application/json")
            .WithQueryParameters(("reason", "Why (optional, at most 500 characters), recorded with the version.", false), ("expectedVersion", "Change only if the route is at this version (same as If-Match: \"{version}\").", true))
            .Produces<RouteVersion>().BodyProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        ApiEndpoints.Map(app, ManagementRoutes.RollbackRoute, Tag, "Restore an earlier version's settings as a new version (0 = the configuration)",
                (HttpRequest r, string route, RouteManagementApi api, CancellationToken ct) => api.RollbackAsync(r, route, ct))
            .Accepts<RouteRollbackRequest>("application/json")
            .Produces<RouteVersion>().BodyProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        ApiEndpoints.Map(app, ManagementRoutes.GetUsage, Tag, "The caller's tenant's tokens and cost by tenant, route, workflow or model per hour or day, with budgets and what remains (JSON, or CSV with format=csv)",
                (HttpRequest r, UsageApi api, CancellationToken ct) => api.GetAsync(r, ct))
            .WithQueryParameters(
                ("groupBy", "tenant, route (default), workflow or model.", false),
                ("period", "hour or day (default).", false),
                ("from", "Start (RFC 3339; default: 7 days, or 24 hours by hour, before to), rounded down to the period.", false),
                ("to", "End (RFC 3339; default now), rounded up to the period; at most 7 days after from by hour, 366 by day.", false),
                ("format", "json (default) or csv (every row, no paging).", false),
                ("pageSize", "Rows per page, 1-1000 (default 200).", true),
                ("continuationToken", "The previous page's continuationToken.", false))
            .Produces<UsageReport>().AlsoAsCsv().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>Documents the 200 answer's CSV form (<c>format=csv</c>) beside its JSON schema.</summary>
    private static RouteHandlerBuilder AlsoAsCsv(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is Microsoft.OpenApi.OpenApiResponse response)
            {
                response.Content ??= new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>();
                response.Content["text/csv"] = new Microsoft.OpenApi.OpenApiMediaType { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String } };
            }

            return Task.CompletedTask;
        });

    /// <summary>Documents query parameters the handler reads itself (so a bad value is a problem naming it).</summary>
    internal static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, params (string Name, string Description, bool Integer)[] parameters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, description, integer) in parameters)
            {
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = name,
                    In = Microsoft.OpenApi.ParameterLocation.Query,
                    Required = false,
                    Description = description,
                    Schema = new Microsoft.OpenApi.OpenApiSchema
                    {
                        Type = integer ? Microsoft.OpenApi.JsonSchemaType.Integer : Microsoft.OpenApi.JsonSchemaType.String,
                        Format = integer ? "int32" : null,
                    },
                });
            }

            return Task.CompletedTask;
        });
}
