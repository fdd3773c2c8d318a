using AiFunctions.Events.DeadLetters;
using AiFunctions.Events.EventGrid;
using AiFunctions.Host.Api;
using AiFunctions.Hosting.Api;

namespace AiFunctions.Host.Endpoints;

/// <summary>
/// The event endpoints of the standalone host, mapped onto the shared <see cref="EventApi"/> (the protocol logic lives
/// in AiFunctions.Events, the rendering in AiFunctions.Hosting, so the Functions app answers the same):
/// POST/OPTIONS /api/events — Event Grid / CloudEvents webhook (its own shared key, so anonymous at the host level);
/// GET /api/deadletters/{entity} — list dead-lettered events (no bodies);
/// POST /api/deadletters/{entity}/replay[?messageId=] — send one or all back to their entity.
/// Entities: <c>screening-requests</c>, <c>hr-events:screening</c>, <c>hr-events:requisitions</c>, <c>hr-events:employees</c>.
/// </summary>
internal static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var receive = EventApi.ReceiveEventsRoute;
        ApiEndpoints.Map(app, receive, "Events", "Event Grid / CloudEvents webhook: deliver inbound events (X-Events-Key)",
                (HttpRequest r, CancellationToken ct) => EventApi.Resolve(r.HttpContext.RequestServices, api => api.ReceiveAsync(r, ct)))
            .Accepts<IReadOnlyList<CloudEventEnvelope>>("application/cloudevents-batch+json", "application/cloudevents+json", "application/json")
            .Produces<WebhookAccepted>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        // The CloudEvents webhook validation handshake: its own operation (and operationId) on the same path.
        app.MapMethods(receive.Pattern, ["OPTIONS"], (HttpRequest r, CancellationToken ct) => EventApi.Resolve(r.HttpContext.RequestServices, api => api.ReceiveAsync(r, ct)))
            .WithName(receive.Name + "Handshake").WithTags("Events").WithSummary("CloudEvents webhook validation handshake (WebHook-Request-Origin)")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        ApiEndpoints.Map(app, EventApi.ListDeadLettersRoute, "Events", "Dead-lettered events of an entity, without bodies",
                (string entity, int? max, HttpContext http, CancellationToken ct) => EventApi.Resolve(http.RequestServices, api => api.ListDeadLettersAsync(http.Request, entity, max, ct)))
            .Produces<IReadOnlyList<DeadLetteredMessage>>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        ApiEndpoints.Map(app, EventApi.ReplayDeadLettersRoute, "Events", "Send one or all dead-lettered events back to their entity",
                (string entity, string? messageId, HttpContext http, CancellationToken ct) => EventApi.Resolve(http.RequestServices, api => api.ReplayDeadLettersAsync(entity, messageId, ct)))
            .Produces<ReplayResult>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
