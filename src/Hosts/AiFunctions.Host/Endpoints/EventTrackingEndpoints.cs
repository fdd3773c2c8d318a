using AiFunctions.Events.Tracking;
using AiFunctions.Hosting.Api;

namespace AiFunctions.Host.Endpoints;

/// <summary>Maps <see cref="EventTrackingApi.Routes"/>: follow an inbound event, list published outbound events.</summary>
internal static class EventTrackingEndpoints
{
    public static IEndpointRouteBuilder MapEventTrackingEndpoints(this IEndpointRouteBuilder app)
    {
        var inbound = EventTrackingApi.GetInboundEventRoute;
        app.MapMethods(inbound.Pattern, [inbound.Method], (string? source, string? id, EventTrackingApi api, CancellationToken ct) => api.GetInboundAsync(source, id, ct))
            .WithName(inbound.Name).WithTags("Events").WithSummary("What became of an inbound event, by its CloudEvents source and id")
            .Produces<InboundEventOutcome>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);

        var outbound = EventTrackingApi.ListOutboundEventsRoute;
        app.MapMethods(outbound.Pattern, [outbound.Method], (string? type, string? about, int? max, EventTrackingApi api) => api.ListOutbound(type, about, max))
            .WithName(outbound.Name).WithTags("Events").WithSummary("Recently published outbound events, newest first (filter by type, or by subject / correlation id with 'about')")
            .Produces<OutboundEventList>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }
}
