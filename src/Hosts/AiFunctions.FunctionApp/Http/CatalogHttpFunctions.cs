using AiFunctions.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AiFunctions.FunctionApp.Http;

/// <summary>Providers, routes and the health probe of <see cref="ApiRoutes"/>, served by the shared <see cref="CatalogApi"/>.</summary>
public sealed class CatalogHttpFunctions(CatalogApi api, HealthApi health)
{
    [Function("ListProviders")]
    public Task<HttpResponseData> ListProviders(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/providers")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.ListProviders, api.ListProviders);

    [Function("ListRoutes")]
    public Task<HttpResponseData> ListRoutes(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/routes")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.ListRoutes, api.ListRoutes);

    /// <summary>Who the signed-in caller is (name, tenant, roles).</summary>
    [Function("WhoAmI")]
    public Task<HttpResponseData> WhoAmI(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/me")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.WhoAmI, (r, _) => Task.FromResult(CallerApi.WhoAmI(r)));

    /// <summary>The anonymous liveness probe (the old address of <see cref="HealthLive"/>); the same body as the standalone host's.</summary>
    [Function("Health")]
    public Task<HttpResponseData> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.Health, (_, ct) => health.LiveAsync(ct));

    /// <summary>The anonymous liveness probe.</summary>
    [Function("HealthLive")]
    public Task<HttpResponseData> HealthLive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/live")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.HealthLive, (_, ct) => health.LiveAsync(ct));

    /// <summary>The anonymous readiness probe: 503 naming the dependency that is down.</summary>
    [Function("HealthReady")]
    public Task<HttpResponseData> HealthReady(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ApiRoutes.HealthReady, (_, ct) => health.ReadyAsync(ct));
}
