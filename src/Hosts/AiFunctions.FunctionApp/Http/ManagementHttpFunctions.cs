using AiFunctions.Hosting.Api.Management;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AiFunctions.FunctionApp.Http;

/// <summary>The management routes (<see cref="ManagementRoutes.All"/>), served by the shared handlers.</summary>
public sealed class ManagementHttpFunctions(RouteManagementApi routes, UsageApi usage)
{
    [Function("ListManagedRoutes")]
    public Task<HttpResponseData> ListManagedRoutes(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/manage/routes")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ManagementRoutes.ListRoutes, routes.ListAsync);

    [Function("GetManagedRoute")]
    public Task<HttpResponseData> GetManagedRoute(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/manage/routes/{route}")] HttpRequestData request,
        string route) =>
        HttpResultBridge.RunAsync(request, ManagementRoutes.GetRoute, (r, ct) => routes.GetAsync(r, route, ct));

    [Function("ListRouteVersions")]
    public Task<HttpResponseData> ListRouteVersions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/manage/routes/{route}/versions")] HttpRequestData request,
        string route) =>
        HttpResultBridge.RunAsync(request, ManagementRoutes.ListRouteVersions, (r, ct) => routes.ListVersionsAsync(r, route, ct));

    [Function("ChangeRoute")]
    public Task<HttpResponseData> ChangeRoute(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "api/manage/routes/{route}")] HttpRequestData request,
        string route) =>
        HttpResultBridge.RunAsync(request, ManagementRoutes.ChangeRoute, (r, ct) => routes.ChangeAsync(r, route, ct));

    [Function("RollbackRoute")]
    public Task<HttpResponseData> RollbackRoute(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/routes/{route}/rollback")] HttpRequestData request,
        string route) =>
        HttpResultBridge.RunAsync(request, ManagementRoutes.RollbackRoute, (r, ct) => routes.RollbackAsync(r, route, ct));

    [Function("GetUsage")]
    public Task<HttpResponseData> GetUsage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/manage/usage")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, ManagementRoutes.GetUsage, usage.GetAsync);
}
