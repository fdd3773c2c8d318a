using AiFunctions.Hosting.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace AiFunctions.FunctionApp.Http;

/// <summary>The job description operations of <see cref="ApiRoutes"/>, served by the shared <see cref="JobDescriptionApi"/>.</summary>
public sealed class JobDescriptionHttpFunctions(JobDescriptionApi api)
{
    [Function("StartJobDescription")]
    public Task<HttpResponseData> StartJobDescription(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/job-descriptions")] HttpRequestData request,
        [DurableClient] DurableTaskClient client) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.StartJobDescription, (r, ct) => api.StartAsync(r, client, ct));

    [Function("GetJobDescription")]
    public Task<HttpResponseData> GetJobDescription(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/job-descriptions/{id}")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.GetJobDescription, (r, ct) => api.GetAsync(r, id, client, ct));

    [Function("ReviewJobDescription")]
    public Task<HttpResponseData> ReviewJobDescription(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/job-descriptions/{id}/review")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.ReviewJobDescription, (r, ct) => api.ReviewAsync(r, id, client, ct));
}
