using AiFunctions.Hosting.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AiFunctions.FunctionApp.Http;

/// <summary>The migration operations (<see cref="MigrationApi.Routes"/>), served by the shared <see cref="MigrationApi"/>.</summary>
public sealed class MigrationHttpFunctions(MigrationApi api)
{
    [Function("StartMigrationReplay")]
    public Task<HttpResponseData> StartMigrationReplay(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/migrations/replays")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, MigrationApi.StartReplay, api.StartReplayAsync);

    [Function("StartMigrationDraftingReplay")]
    public Task<HttpResponseData> StartMigrationDraftingReplay(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/migrations/drafting-replays")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, MigrationApi.StartDraftingReplay, api.StartDraftingReplayAsync);

    [Function("GetMigrationReplay")]
    public Task<HttpResponseData> GetMigrationReplay(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/migrations/replays/{id}")] HttpRequestData request,
        string id) =>
        HttpResultBridge.RunAsync(request, MigrationApi.GetReplay, (r, ct) => api.GetReplayAsync(r, id, ct));

    [Function("CancelMigrationReplay")]
    public Task<HttpResponseData> CancelMigrationReplay(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/migrations/replays/{id}/cancel")] HttpRequestData request,
        string id) =>
        HttpResultBridge.RunAsync(request, MigrationApi.CancelReplay, (r, ct) => api.CancelReplayAsync(r, id, ct));

    [Function("GetMigrationReplayReport")]
    public Task<HttpResponseData> GetMigrationReplayReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/migrations/replays/{id}/report")] HttpRequestData request,
        string id) =>
        HttpResultBridge.RunAsync(request, MigrationApi.GetReplayReport, (r, ct) => api.GetReplayReportAsync(r, id, ct));

    [Function("GetMigrationShadowReport")]
    public Task<HttpResponseData> GetMigrationShadowReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/migrations/shadows/{route}/report")] HttpRequestData request,
        string route) =>
        HttpResultBridge.RunAsync(request, MigrationApi.GetShadowReport, (r, ct) => api.GetShadowReportAsync(r, route, ct));
}
