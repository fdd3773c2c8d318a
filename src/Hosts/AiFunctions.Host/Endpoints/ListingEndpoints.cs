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
            .WithListParameters<AiFunctions.Workflows.Screening.ScreeningBatchStatus>(requisition: true).Produces<ScreeningBatchList>().ProducesProblem(StatusCodes.Status400BadRequest);
        ApiEndpoints.Map(app, ListingApi.ListJobDescriptionsRoute, "Job descriptions", "List job descriptions (filter by status, updatedFrom/updatedTo; page with continuationToken)",
                (HttpRequest r, ListingApi api, CancellationToken ct) => api.ListJobDescriptionsAsync(r, ct))
            .WithListParameters<AiFunctions.Workflows.Drafting.JobDescriptionStatus>(requisition: false).Produces<JobDescriptionList>().ProducesProblem(StatusCodes.Status400BadRequest);
        ApiEndpoints.Map(app, ListingApi.ScreeningPeriodAuditRoute, "Audits", "Bias audit over a period across the tenant's batches (from, to, optional requisitionId; JSON, or CSV with ?format=csv)",
                (HttpRequest r, ListingApi api, CancellationToken ct) => api.GetScreeningPeriodAuditAsync(r, ct))
            .WithAuditParameters().Produces<AiFunctions.Workflows.Fairness.ScreeningPeriodAuditReport>().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>Documents the period audit's query parameters.</summary>
    private static RouteHandlerBuilder WithAuditParameters(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            void Add(string name, string description, bool required, string? format = null) =>
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = name,
                    In = Microsoft.OpenApi.ParameterLocation.Query,
                    Required = required,
                    Description = description,
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = format },
                });
            Add("from", "Start of the period (RFC 3339): batches last updated at or after it.", true, "date-time");
            Add("to", "End of the period, exclusive (RFC 3339); at most 366 days after from.", true, "date-time");
            Add("requisitionId", "Only batches of this requisition.", false);
            Add("format", "json (default) or csv (the figures, one line per category).", false);
            return Task.CompletedTask;
        });

    /// <summary>
    /// Documents the query parameters (the handler reads them from the request, to answer bad values with a problem naming
    /// them) with the values it accepts: <c>status</c> one of <typeparamref name="TStatus"/>'s names, <c>pageSize</c>
    /// 1–<see cref="AiFunctions.Workflows.Storage.RecordQuery.MaxPageSize"/> (default 50), so a generated client offers
    /// exactly what the API takes.
    /// </summary>
    private static RouteHandlerBuilder WithListParameters<TStatus>(this RouteHandlerBuilder builder, bool requisition)
        where TStatus : struct, Enum =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            Microsoft.OpenApi.OpenApiSchema Add(string name, string description, Microsoft.OpenApi.JsonSchemaType type, string? format = null)
            {
                var schema = new Microsoft.OpenApi.OpenApiSchema { Type = type, Format = format };
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = name,
                    In = Microsoft.OpenApi.ParameterLocation.Query,
                    Required = false,
                    Description = description,
                    Schema = schema,
                });
                return schema;
            }

            Add("status", "Only this status (its name; one value).", Microsoft.OpenApi.JsonSchemaType.String).Enum = [.. Enum.GetNames<TStatus>().Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(n))];
            if (requisition)
            {
                Add("requisitionId", "Only batches of this requisition.", Microsoft.OpenApi.JsonSchemaType.String);
            }

            Add("updatedFrom", "Only records updated at or after this instant (RFC 3339).", Microsoft.OpenApi.JsonSchemaType.String, "date-time");
            Add("updatedTo", "Only records updated before this instant (RFC 3339).", Microsoft.OpenApi.JsonSchemaType.String, "date-time");
            var pageSize = Add("pageSize", $"Records per page, 1-{AiFunctions.Workflows.Storage.RecordQuery.MaxPageSize} (default 50).", Microsoft.OpenApi.JsonSchemaType.Integer, "int32");
            pageSize.Minimum = "1";
            pageSize.Maximum = AiFunctions.Workflows.Storage.RecordQuery.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
            pageSize.Default = System.Text.Json.Nodes.JsonValue.Create(50);
            Add("continuationToken", "The previous page's continuationToken.", Microsoft.OpenApi.JsonSchemaType.String);
            return Task.CompletedTask;
        });
}
