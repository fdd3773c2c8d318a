using AiFunctions.Hosting.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AiFunctions.FunctionApp.Http;

/// <summary>The listing routes (<see cref="ListingApi.Routes"/>), served by the shared <see cref="ListingApi"/>.</summary>
public sealed class ListingHttpFunctions(ListingApi api)
{
    [Function("ListScreenings")]
    public Task<HttpResponseData> ListScreenings(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/screenings")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ListingApi.ListScreeningsRoute, api.ListScreeningsAsync);

    [Function("ListJobDescriptions")]
    public Task<HttpResponseData> ListJobDescriptions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/job-descriptions")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ListingApi.ListJobDescriptionsRoute, api.ListJobDescriptionsAsync);

    [Function("GetScreeningPeriodAudit")]
    public Task<HttpResponseData> GetScreeningPeriodAudit(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/audits/screening")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ListingApi.ScreeningPeriodAuditRoute, api.GetScreeningPeriodAuditAsync);
}
