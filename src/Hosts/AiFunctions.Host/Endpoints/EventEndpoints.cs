using AiFunctions.Events.DeadLetters;
using AiFunctions.Events.EventGrid;
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
        app.MapMethods(receive.Pattern, [receive.Method], (HttpRequest r, CancellationToken ct) => Api(r.HttpContext).ReceiveAsync(r, ct))
            .WithName(receive.Name).WithTags("Events").WithSummary("Event Grid / CloudEvents webhook: deliver inbound events (X-Events-Key)")
            .AllowAnonymous()
            .Accepts<IReadOnlyList<CloudEventEnvelope>>("application/cloudevents-batch+json", "application/cloudevents+json", "application/json")
            .Produces<WebhookAccepted>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        // The CloudEvents webhook validation handshake: its own operation (and operationId) on the same path.
        app.MapMethods(receive.Pattern, ["OPTIONS"], (HttpRequest r, CancellationToken ct) => Api(r.HttpContext).ReceiveAsync(r, ct))
            .WithName(receive.Name + "Handshake").WithTags("Events").WithSummary("CloudEvents webhook validation handshake (WebHook-Request-Origin)")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        var list = EventApi.ListDeadLettersRoute;
        app.MapMethods(list.Pattern, [list.Method], (string entity, int? max, HttpContext http, CancellationToken ct) => Api(http).ListDeadLettersAsync(entity, max, ct))
            .WithName(list.Name).WithTags("Events").WithSummary("Dead-lettered events of an entity, without bodies")
            .Produces<IReadOnlyList<DeadLetteredMessage>>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var replay = EventApi.ReplayDeadLettersRoute;
        app.MapMethods(replay.Pattern, [replay.Method], (string entity, string? messageId, HttpContext http, CancellationToken ct) => Api(http).ReplayDeadLettersAsync(entity, messageId, ct))
            .WithName(replay.Name).WithTags("Events").WithSummary("Send one or all dead-lettered events back to their entity")
            .Produces<ReplayResult>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static EventApi Api(HttpContext http) => ActivatorUtilities.GetServiceOrCreateInstance<EventApi>(http.RequestServices);
}
