using AiFunctions.Hosting.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace AiFunctions.FunctionApp.Http;

/// <summary>Erasure of a candidate's personal data (<see cref="ApiRoutes.EraseCandidate"/>) and its log (<see cref="ApiRoutes.ListErasures"/>), served by the shared <see cref="ErasureApi"/>.</summary>
public sealed class ErasureHttpFunctions(ErasureApi api)
{
    [Function("EraseCandidate")]
    public Task<HttpResponseData> EraseCandidate(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/candidates/{id}")] HttpRequestData request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.EraseCandidate, (r, ct) => api.EraseCandidateAsync(r, id, client, ct));

    [Function("ListErasures")]
    public Task<HttpResponseData> ListErasures(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/audits/erasures")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.ListErasures, api.ListAsync);
}
