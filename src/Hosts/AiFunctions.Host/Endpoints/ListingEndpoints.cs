using AiFunctions.Host.Api;
using AiFunctions.Hosting.Api;

namespace AiFunctions.Host.Endpoints;

/// <summary>Maps <see cref="ListingApi.Routes"/>: list and filter screening batches and job descriptions.</summary>
internal static class ListingEndpoints
{
    public static IEndpointRouteBuilder MapListingEndpoints(this IEndpointRouteBuilder app)
    {
        ApiEndpoints.Map(app, ListingApi.ListScreeningsRoute, "Screenings", "List screening batches (filter by status, requisitionId, updatedFrom/updatedTo; page with continuationToken)",
                (HttpRequest r, ListingApi api, CancellationToken ct) => api.ListScreeningsAsync(r, ct))
            .WithListParameters(requisition: true).Produces<ScreeningBatchList>().ProducesProblem(StatusCodes.Status400BadRequest);
        ApiEndpoints.Map(app, ListingApi.ListJobDescriptionsRoute, "Job descriptions", "List job descriptions (filter by status, updatedFrom/updatedTo; page with continuationToken)",
                (HttpRequest r, ListingApi api, CancellationToken ct) => api.ListJobDescriptionsAsync(r, ct))
            .WithListParameters(requisition: false).Produces<JobDescriptionList>().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>Documents the query parameters (the handler reads them from the request, to answer bad values with a problem naming them).</summary>
    private static RouteHandlerBuilder WithListParameters(this RouteHandlerBuilder builder, bool requisition) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            void Add(string name, string description, Microsoft.OpenApi.JsonSchemaType type, string? format = null) =>
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = name,
                    In = Microsoft.OpenApi.ParameterLocation.Query,
                    Required = false,
                    Description = description,
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = type, Format = format },
                });
            Add("status", "Only this status (its name).", Microsoft.OpenApi.JsonSchemaType.String);
            if (requisition)
            {
                Add("requisitionId", "Only batches of this requisition.", Microsoft.OpenApi.JsonSchemaType.String);
            }

            Add("updatedFrom", "Only records updated at or after this instant (RFC 3339).", Microsoft.OpenApi.JsonSchemaType.String, "date-time");
            Add("updatedTo", "Only records updated before this instant (RFC 3339).", Microsoft.OpenApi.JsonSchemaType.String, "date-time");
            Add("pageSize", "Records per page, 1-200 (default 50).", Microsoft.OpenApi.JsonSchemaType.Integer, "int32");
            Add("continuationToken", "The previous page's continuationToken.", Microsoft.OpenApi.JsonSchemaType.String);
            return Task.CompletedTask;
        });
}
