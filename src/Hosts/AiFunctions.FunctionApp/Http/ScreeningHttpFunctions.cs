using AiFunctions.Hosting.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace AiFunctions.FunctionApp.Http;

/// <summary>The screening operations of <see cref="ApiRoutes"/>, served by the shared <see cref="ScreeningApi"/>.</summary>
public sealed class ScreeningHttpFunctions(ScreeningApi api)
{
    [Function("StartScreening")]
    public Task<HttpResponseData> StartScreening(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/screenings")] HttpRequestData request,
        [DurableClient] DurableTaskClient client) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.StartScreening, (r, ct) => api.StartAsync(r, client, ct));

    [Function("GetScreening")]
    public Task<HttpResponseData> GetScreening(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/screenings/{id}")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.GetScreening, (r, ct) => api.GetStatusAsync(r, id, client, ct));

    [Function("GetScreeningResults")]
    public Task<HttpResponseData> GetScreeningResults(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/screenings/{id}/results")] HttpRequestData request,
        string id) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.GetScreeningResults, (r, ct) => api.GetResultsAsync(r, id, ct));

    [Function("ReviewScreening")]
    public Task<HttpResponseData> ReviewScreening(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/screenings/{id}/review")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.ReviewScreening, (r, ct) => api.ReviewAsync(r, id, client, ct));
}
