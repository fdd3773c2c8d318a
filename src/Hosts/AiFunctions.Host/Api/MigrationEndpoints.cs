using AiFunctions.Hosting.Api;
using AiFunctions.Workflows.Migration;

namespace AiFunctions.Host.Api;

/// <summary>Maps the migration routes (<see cref="MigrationApi.Routes"/>) onto the shared <see cref="MigrationApi"/>.</summary>
internal static class MigrationEndpoints
{
    private const string Tag = "Migrations";

    public static IEndpointRouteBuilder MapMigrationApi(this IEndpointRouteBuilder app)
    {
        ApiEndpoints.Map(app, MigrationApi.StartReplay, Tag, "Replay a screened batch on a candidate target in the background (the batch's results are not touched)", (HttpRequest r, MigrationApi api, CancellationToken ct) => api.StartReplayAsync(r, ct))
            .Accepts<ReplayRequest>("application/json").Produces<ReplayAccepted>(StatusCodes.Status202Accepted)
            .BodyProblems().ProducesProblem(StatusCodes.Status409Conflict);
        ApiEndpoints.Map(app, MigrationApi.StartDraftingReplay, Tag, "Replay stored job-description drafting requests (by ids, or a window of last updates) on a candidate target in the background (the stored drafts are not touched)", (HttpRequest r, MigrationApi api, CancellationToken ct) => api.StartDraftingReplayAsync(r, ct))
            .Accepts<DraftingReplayRequest>("application/json").Produces<ReplayAccepted>(StatusCodes.Status202Accepted)
            .BodyProblems().ProducesProblem(StatusCodes.Status409Conflict);
        ApiEndpoints.Map(app, MigrationApi.GetReplay, Tag, "Status and progress of a replay", (HttpRequest r, string id, MigrationApi api, CancellationToken ct) => api.GetReplayAsync(r, id, ct))
            .Produces<ReplayStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        ApiEndpoints.Map(app, MigrationApi.CancelReplay, Tag, "Cancel a replay (either kind): it stops before its next model call; what was replayed is kept", (HttpRequest r, string id, MigrationApi api, CancellationToken ct) => api.CancelReplayAsync(r, id, ct))
            .Produces<ReplayAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        ApiEndpoints.Map(app, MigrationApi.GetReplayReport, Tag, "Migration report of a replay: comparison, each threshold and the safe-to-switch verdict (JSON, or Markdown with ?format=markdown)", (HttpRequest r, string id, MigrationApi api, CancellationToken ct) => api.GetReplayReportAsync(r, id, ct))
            .Produces<MigrationReport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        ApiEndpoints.Map(app, MigrationApi.GetShadowReport, Tag, "Migration report of a route's shadow pairs (JSON, or Markdown with ?format=markdown; ?since= ISO 8601)", (HttpRequest r, string route, MigrationApi api, CancellationToken ct) => api.GetShadowReportAsync(r, route, ct))
            .Produces<MigrationReport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
