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
        return app;
    }

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
