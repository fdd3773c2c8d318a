using AiFunctions.Hosting.Api;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Screening;
using Microsoft.DurableTask.Client;

namespace AiFunctions.Host.Api;

/// <summary>
/// Maps every <see cref="ApiRoutes"/> entry onto the shared handlers in AiFunctions.Hosting, with the OpenAPI metadata
/// that makes the document a contract: the typed request and response records, a problem-details response per error
/// status, a summary and a tag (security and examples are added by <see cref="OpenApiContract"/>).
/// </summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapAiFunctionsApi(this IEndpointRouteBuilder app)
    {
        Map(app, ApiRoutes.StartScreening, "Screenings", "Start a screening batch", (HttpRequest r, DurableTaskClient c, ScreeningApi api, CancellationToken ct) => api.StartAsync(r, c, ct))
            .Accepts<ScreeningBatchRequest>("application/json").Produces<ScreeningAccepted>(StatusCodes.Status202Accepted)
            .BodyProblems().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        Map(app, ApiRoutes.GetScreening, "Screenings", "Status and progress of a screening batch", (HttpRequest r, string id, DurableTaskClient c, ScreeningApi api, CancellationToken ct) => api.GetStatusAsync(r, id, c, ct))
            .Produces<ScreeningStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        Map(app, ApiRoutes.GetScreeningResults, "Screenings", "Ranked results with evidence, provenance and the decision trail", (HttpRequest r, string id, ScreeningApi api, CancellationToken ct) => api.GetResultsAsync(r, id, ct))
            .Produces<ScreeningResultsResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        Map(app, ApiRoutes.GetScreeningAudit, "Screenings", "Bias audit of a batch: the name-swap audit and the NYC Local Law 144 figures (JSON, or CSV with ?format=csv)", (HttpRequest r, string id, ScreeningApi api, CancellationToken ct) => api.GetAuditAsync(r, id, ct))
            .Produces<AiFunctions.Workflows.Fairness.ScreeningAuditReport>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        Map(app, ApiRoutes.ReviewScreening, "Screenings", "Approve or reject the shortlist of a batch awaiting review (the reviewer is the signed-in caller)", (HttpRequest r, string id, DurableTaskClient c, ScreeningApi api, CancellationToken ct) => api.ReviewAsync(r, id, c, ct))
            .Accepts<ShortlistReviewRequest>("application/json").Produces<ShortlistReviewAccepted>(StatusCodes.Status202Accepted)
            .BodyProblems().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Map(app, ApiRoutes.UploadResume, "Screenings", "Store one resume for the caller's tenant; a batch references it as resumeUploadId", (HttpRequest r, ScreeningApi api, CancellationToken ct) => api.UploadResumeAsync(r, ct))
            .Accepts<ResumeUploadRequest>("application/json").Produces<ResumeUploadResponse>(StatusCodes.Status201Created)
            .BodyProblems().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        Map(app, ApiRoutes.EraseCandidate, "Screenings", "Erase one candidate's personal data from every batch of the caller's tenant (GDPR art. 17); idempotent", (HttpRequest r, string id, DurableTaskClient c, ErasureApi api, CancellationToken ct) => api.EraseCandidateAsync(r, id, c, ct))
            .Produces<CandidateErasureResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        Map(app, ApiRoutes.ListErasures, "Audits", "The caller's tenant's erasure log, newest first (pageSize 1-200, default 50; continuationToken); candidates named only by subject key", (HttpRequest r, ErasureApi api, CancellationToken ct) => api.ListAsync(r, ct))
            .Produces<ErasureLogList>().ProducesProblem(StatusCodes.Status400BadRequest);
        Map(app, ApiRoutes.StartJobDescription, "Job descriptions", "Start drafting a job description", (HttpRequest r, DurableTaskClient c, JobDescriptionApi api, CancellationToken ct) => api.StartAsync(r, c, ct))
            .Accepts<JobDescriptionWorkflowRequest>("application/json").Produces<JobDescriptionAccepted>(StatusCodes.Status202Accepted)
            .BodyProblems().ProducesProblem(StatusCodes.Status409Conflict);
        Map(app, ApiRoutes.GetJobDescription, "Job descriptions", "Status, round and every drafted version of a job description", (HttpRequest r, string id, DurableTaskClient c, JobDescriptionApi api, CancellationToken ct) => api.GetAsync(r, id, c, ct))
            .Produces<JobDescriptionStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        Map(app, ApiRoutes.ReviewJobDescription, "Job descriptions", "Approve a draft version or ask for a revision (the reviewer is the signed-in caller)", (HttpRequest r, string id, DurableTaskClient c, JobDescriptionApi api, CancellationToken ct) => api.ReviewAsync(r, id, c, ct))
            .Accepts<JobDescriptionReviewRequest>("application/json").Produces<JobDescriptionReviewAccepted>(StatusCodes.Status202Accepted)
            .BodyProblems().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Map(app, ApiRoutes.ListProviders, "Catalog", "Installed provider plugins and configured instances", (CatalogApi api) => api.ListProviders()).Produces<ProviderCatalog>();
        Map(app, ApiRoutes.ListRoutes, "Catalog", "Configured routes and their targets", (CatalogApi api) => api.ListRoutes()).Produces<RouteCatalog>();
        Map(app, ApiRoutes.WhoAmI, "Catalog", "Who the signed-in caller is: name, tenant and roles", (HttpRequest r) => CallerApi.WhoAmI(r)).Produces<CallerInfo>();
        Map(app, ApiRoutes.Health, "Health", "Liveness probe (anonymous; same as /health/live)", (HealthApi api, CancellationToken ct) => api.LiveAsync(ct)).Produces<HealthResponse>();
        Map(app, ApiRoutes.HealthLive, "Health", "Liveness probe (anonymous): the process answers", (HealthApi api, CancellationToken ct) => api.LiveAsync(ct)).Produces<HealthResponse>();
        Map(app, ApiRoutes.HealthReady, "Health", "Readiness probe (anonymous): storage, the Durable Task backend and the event broker answer", (HealthApi api, CancellationToken ct) => api.ReadyAsync(ct))
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        app.MapMigrationApi();
        return app;
    }

    /// <summary>400 (validation, malformed JSON) and 415 (not JSON): every operation that reads a body.</summary>
    internal static RouteHandlerBuilder BodyProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// Maps <paramref name="route"/> with its declared policy (or anonymous), its operation id, tag and summary, and
    /// 401/403 problem answers documented for every protected route.
    /// </summary>
    internal static RouteHandlerBuilder Map(IEndpointRouteBuilder app, ApiRoute route, string tag, string summary, Delegate handler, params string[] extraMethods)
    {
        var builder = app.MapMethods(route.Pattern, [route.Method, .. extraMethods], handler)
            .WithName(route.Name)
            .WithTags(tag)
            .WithSummary(summary);
        return route.Anonymous
            ? builder.AllowAnonymous()
            : builder.RequireAuthorization(route.Policy ?? throw new InvalidOperationException($"Route {route} declares no policy."))
                .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
