using AiFunctions.Hosting.Api;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Screening;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace AiFunctions.Host.Api;

/// <summary>Maps every <see cref="ApiRoutes"/> entry onto the shared handlers in AiFunctions.Hosting.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapAiFunctionsApi(this IEndpointRouteBuilder app)
    {
        Map(app, ApiRoutes.StartScreening, (HttpRequest r, DurableTaskClient c, ScreeningApi api, CancellationToken ct) => api.StartAsync(r, c, ct))
            .Accepts<ScreeningSubmission>("application/json").Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        Map(app, ApiRoutes.GetScreening, (HttpRequest r, string id, DurableTaskClient c, ScreeningApi api, CancellationToken ct) => api.GetStatusAsync(r, id, c, ct))
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        Map(app, ApiRoutes.GetScreeningResults, (HttpRequest r, string id, ScreeningApi api, CancellationToken ct) => api.GetResultsAsync(r, id, ct))
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        Map(app, ApiRoutes.GetScreeningAudit, (HttpRequest r, string id, ScreeningApi api, CancellationToken ct) => api.GetAuditAsync(r, id, ct))
            .Produces<AiFunctions.Workflows.Fairness.ScreeningAuditReport>(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        Map(app, ApiRoutes.ReviewScreening, (HttpRequest r, string id, DurableTaskClient c, ScreeningApi api, CancellationToken ct) => api.ReviewAsync(r, id, c, ct))
            .Accepts<ShortlistReviewDecision>("application/json").Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Map(app, ApiRoutes.UploadResume, (HttpRequest r, ScreeningApi api, CancellationToken ct) => api.UploadResumeAsync(r, ct))
            .Accepts<ResumeUploadRequest>("application/json").Produces<ResumeUploadResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        Map(app, ApiRoutes.StartJobDescription, (HttpRequest r, DurableTaskClient c, JobDescriptionApi api, CancellationToken ct) => api.StartAsync(r, c, ct))
            .Accepts<JobDescriptionWorkflowRequest>("application/json").Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        Map(app, ApiRoutes.GetJobDescription, (HttpRequest r, string id, DurableTaskClient c, JobDescriptionApi api, CancellationToken ct) => api.GetAsync(r, id, c, ct))
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);
        Map(app, ApiRoutes.ReviewJobDescription, (HttpRequest r, string id, DurableTaskClient c, JobDescriptionApi api, CancellationToken ct) => api.ReviewAsync(r, id, c, ct))
            .Accepts<JobDescriptionReview>("application/json").Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Map(app, ApiRoutes.ListProviders, (CatalogApi api) => api.ListProviders()).Produces(StatusCodes.Status200OK);
        Map(app, ApiRoutes.ListRoutes, (CatalogApi api) => api.ListRoutes()).Produces(StatusCodes.Status200OK);
        Map(app, ApiRoutes.Health, (HealthApi api, CancellationToken ct) => api.LiveAsync(ct)).Produces<HealthResponse>();
        Map(app, ApiRoutes.HealthLive, (HealthApi api, CancellationToken ct) => api.LiveAsync(ct)).Produces<HealthResponse>();
        Map(app, ApiRoutes.HealthReady, (HealthApi api, CancellationToken ct) => api.ReadyAsync(ct))
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        app.MapMigrationApi();
        return app;
    }

    /// <summary>Maps <paramref name="route"/> with its declared policy (or anonymous), 401/403 problem answers documented.</summary>
    internal static RouteHandlerBuilder Map(IEndpointRouteBuilder app, ApiRoute route, Delegate handler, params string[] extraMethods)
    {
        var builder = app.MapMethods(route.Pattern, [route.Method, .. extraMethods], handler).WithName(route.Name);
        return route.Anonymous
            ? builder.AllowAnonymous()
            : builder.RequireAuthorization(route.Policy ?? throw new InvalidOperationException($"Route {route} declares no policy."))
                .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
