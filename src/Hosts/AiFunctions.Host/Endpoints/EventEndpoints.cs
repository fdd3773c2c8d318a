using AiFunctions.Events.DeadLetters;
using AiFunctions.Events.EventGrid;
using AiFunctions.Hosting.Api;

namespace AiFunctions.Host.Endpoints;

/// <summary>
/// The event endpoints of the standalone host; the protocol logic lives in AiFunctions.Events so the Functions app's
/// triggers reuse it:
/// POST/OPTIONS /api/events — Event Grid / CloudEvents webhook (its own shared key, so anonymous at the host level);
/// GET /api/deadletters/{entity} — list dead-lettered events (no bodies);
/// POST /api/deadletters/{entity}/replay[?messageId=] — send one or all back to their entity.
/// Entities: <c>screening-requests</c>, <c>hr-events:screening</c>, <c>hr-events:requisitions</c>, <c>hr-events:employees</c>.
/// </summary>
internal static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("api/events", ["POST", "OPTIONS"], ReceiveAsync)
            .WithName("ReceiveEvents")
            .AllowAnonymous()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapGet("api/deadletters/{entity}", async (string entity, int? max, HttpContext http, CancellationToken ct) =>
                http.RequestServices.GetService<DeadLetterService>() is { } dlq
                    ? await Guarded(async () => Results.Json(await dlq.ListAsync(entity, max ?? 100, ct), ApiJson.Options))
                    : NoServiceBus())
            .WithName("ListDeadLetters")
            .Produces<IReadOnlyList<DeadLetteredMessage>>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized);

        app.MapPost("api/deadletters/{entity}/replay", async (string entity, string? messageId, HttpContext http, CancellationToken ct) =>
                http.RequestServices.GetService<DeadLetterService>() is { } dlq
                    ? await Guarded(async () => Results.Json(await dlq.ReplayAsync(entity, messageId, ct), ApiJson.Options))
                    : NoServiceBus())
            .WithName("ReplayDeadLetters")
            .Produces<ReplayResult>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task ReceiveAsync(HttpContext http, EventIntake intake, CancellationToken ct)
    {
        var body = await BinaryData.FromStreamAsync(http.Request.Body, ct);
        var request = new WebhookRequest(
            http.Request.Method,
            name => http.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null,
            name => http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null,
            http.Request.ContentType,
            body);
        var outcome = await intake.HandleAsync(request, ct);
        foreach (var (name, value) in outcome.Headers)
        {
            http.Response.Headers[name] = value;
        }

        IResult result = outcome.IsProblem
            ? Results.Problem(detail: outcome.ProblemDetail, statusCode: outcome.StatusCode, title: outcome.ProblemTitle)
            : outcome.Json is { } json ? Results.Json(json, ApiJson.Options, statusCode: outcome.StatusCode) : Results.StatusCode(outcome.StatusCode);
        await result.ExecuteAsync(http);
    }

    private static async Task<IResult> Guarded(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Problem(detail: ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
    }

    private static IResult NoServiceBus() => Results.Problem(
        detail: "Dead letters live in Service Bus, and none is configured: set AiFunctions:ServiceBus:ConnectionString (the dev broker's) or AiFunctions:ServiceBus:FullyQualifiedNamespace.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Service Bus not configured");
}
