using AiFunctions.Hosting.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AiFunctions.FunctionApp.Http;

/// <summary>The event-tracking routes (<see cref="EventTrackingApi.Routes"/>), served by the shared <see cref="EventTrackingApi"/>.</summary>
public sealed class EventTrackingHttpFunctions(EventTrackingApi api)
{
    [Function("GetInboundEvent")]
    public Task<HttpResponseData> GetInboundEvent(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/events/inbound")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, EventTrackingApi.GetInboundEventRoute, (r, ct) => api.GetInboundAsync(r, r.Query["source"], r.Query["id"], ct));

    [Function("ListInboundEvents")]
    public Task<HttpResponseData> ListInboundEvents(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/events/inbound/recent")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, EventTrackingApi.ListInboundEventsRoute, api.ListInboundAsync);

    [Function("ListOutboundEvents")]
    public Task<HttpResponseData> ListOutboundEvents(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/events/outbound")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, EventTrackingApi.ListOutboundEventsRoute, (r, ct) => Task.FromResult(api.ListOutbound(r, r.Query["type"], r.Query["about"], int.TryParse(r.Query["max"], out var max) ? max : null)));
}
