using AiFunctions.Hosting.Api;
using AiFunctions.Workflows.Migration;

namespace AiFunctions.Host.Api;

/// <summary>Maps the migration routes (<see cref="MigrationApi.Routes"/>) onto the shared <see cref="MigrationApi"/>.</summary>
internal static class MigrationEndpoints
{
    public static IEndpointRouteBuilder MapMigrationApi(this IEndpointRouteBuilder app)
    {
        ApiEndpoints.Map(app, MigrationApi.StartReplay, (HttpRequest r, MigrationApi api, CancellationToken ct) => api.StartReplayAsync(r, ct))
            .Accepts<ReplayRequest>("application/json").Produces<ReplayAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        ApiEndpoints.Map(app, MigrationApi.GetReplay, (HttpRequest r, string id, MigrationApi api, CancellationToken ct) => api.GetReplayAsync(r, id, ct))
            .Produces<ReplayStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        ApiEndpoints.Map(app, MigrationApi.GetReplayReport, (HttpRequest r, string id, MigrationApi api, CancellationToken ct) => api.GetReplayReportAsync(r, id, ct))
            .Produces<MigrationReport>().Produces(StatusCodes.Status200OK, contentType: "text/markdown")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        ApiEndpoints.Map(app, MigrationApi.GetShadowReport, (HttpRequest r, string route, MigrationApi api, CancellationToken ct) => api.GetShadowReportAsync(r, route, ct))
            .Produces<MigrationReport>().Produces(StatusCodes.Status200OK, contentType: "text/markdown")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
