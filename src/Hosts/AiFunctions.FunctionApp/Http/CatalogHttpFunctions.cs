using AiFunctions.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AiFunctions.FunctionApp.Http;

/// <summary>Providers, routes and the health probe of <see cref="ApiRoutes"/>, served by the shared <see cref="CatalogApi"/>.</summary>
public sealed class CatalogHttpFunctions(CatalogApi api)
{
    [Function("ListProviders")]
    public Task<HttpResponseData> ListProviders(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/providers")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.ListProviders, api.ListProviders);

    [Function("ListRoutes")]
    public Task<HttpResponseData> ListRoutes(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/routes")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.ListRoutes, api.ListRoutes);

    /// <summary>The anonymous liveness probe; the same body as the standalone host's.</summary>
    [Function("Health")]
    public static Task<HttpResponseData> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.Health, () => Results.Json(new { status = "healthy" }, ApiJson.Options));
}
