using AiFunctions.Events.Tracking;
using AiFunctions.Host.Api;
using AiFunctions.Hosting.Api;

namespace AiFunctions.Host.Endpoints;

/// <summary>Maps <see cref="EventTrackingApi.Routes"/>: follow an inbound event, list recent inbound events and published outbound events.</summary>
internal static class EventTrackingEndpoints
{
    public static IEndpointRouteBuilder MapEventTrackingEndpoints(this IEndpointRouteBuilder app)
    {
        ApiEndpoints.Map(app, EventTrackingApi.GetInboundEventRoute, "Events", "What became of an inbound event, by its CloudEvents source and id",
                (HttpRequest r, string? source, string? id, EventTrackingApi api, CancellationToken ct) => api.GetInboundAsync(r, source, id, ct))
            .Produces<InboundEventOutcome>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        ApiEndpoints.Map(app, EventTrackingApi.ListInboundEventsRoute, "Events", "The tenant's inbound events with their latest outcome and correlation id, most recently recorded first (pageSize 1-200, default 50; continuationToken)",
                (HttpRequest r, EventTrackingApi api, CancellationToken ct) => api.ListInboundAsync(r, ct))
            .Produces<InboundEventList>().ProducesProblem(StatusCodes.Status400BadRequest);
        ApiEndpoints.Map(app, EventTrackingApi.ListOutboundEventsRoute, "Events", "Recently published outbound events, newest first (filter by type, or by subject / correlation id with 'about')",
                (HttpRequest r, string? type, string? about, int? max, EventTrackingApi api) => api.ListOutbound(r, type, about, max))
            .Produces<OutboundEventList>().ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}
