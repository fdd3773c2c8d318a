using AiFunctions.Events.DeadLetters;
using AiFunctions.Events.EventGrid;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// The event operations of the API, host-agnostic like <see cref="ScreeningApi"/>: the Event Grid / CloudEvents webhook
/// over the events library's <see cref="EventIntake"/>, and dead-letter listing and replay over
/// <see cref="DeadLetterService"/> (present only when Service Bus is configured). Same answers as the standalone host's
/// event endpoints; the Functions app's triggers call these.
/// </summary>
public sealed class EventApi(EventIntake intake, DeadLetterService? deadLetters = null)
{
    /// <summary>POST/OPTIONS /api/events. Anonymous at the host level: the intake checks its own shared key.</summary>
    public static ApiRoute ReceiveEventsRoute { get; } = new("ReceiveEvents", "POST", "api/events", Anonymous: true);

    public static ApiRoute ListDeadLettersRoute { get; } = new("ListDeadLetters", "GET", "api/deadletters/{entity}", Security.ApiPolicies.EventReader);

    public static ApiRoute ReplayDeadLettersRoute { get; } = new("ReplayDeadLetters", "POST", "api/deadletters/{entity}/replay", Security.ApiPolicies.ServiceOperator);

    /// <summary>The event routes, which sit beside <see cref="ApiRoutes.All"/> (the webhook also answers OPTIONS).</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } = [ReceiveEventsRoute, ListDeadLettersRoute, ReplayDeadLettersRoute];

    /// <summary>
    /// Creates the handler from <paramref name="services"/> and runs <paramref name="action"/>; when the event side cannot
    /// be built (no Service Bus for an intake that forwards to it), answers 503 naming the settings instead of a 500.
    /// </summary>
    public static Task<IResult> Resolve(IServiceProvider services, Func<EventApi, Task<IResult>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        EventApi api;
        try
        {
            api = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.GetServiceOrCreateInstance<EventApi>(services);
        }
        catch (InvalidOperationException ex)
        {
            return Task.FromResult(ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "events-not-configured", "The event side is not configured", ex.Message));
        }

        return action(api);
    }

    /// <summary>Hands the request to the intake and renders its answer (headers, JSON or problem-details).</summary>
    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await BinaryData.FromStreamAsync(request.Body, cancellationToken).ConfigureAwait(false);
        var webhookRequest = new WebhookRequest(
            request.Method,
            name => request.Headers.TryGetValue(name, out var v) ? v.ToString() : null,
            name => request.Query.TryGetValue(name, out var v) ? v.ToString() : null,
            request.ContentType,
            body);
        var outcome = await intake.HandleAsync(webhookRequest, cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in outcome.Headers)
        {
            request.HttpContext.Response.Headers[name] = value;
        }

        return outcome.IsProblem
            ? Results.Problem(detail: outcome.ProblemDetail, statusCode: outcome.StatusCode, title: outcome.ProblemTitle)
            : outcome.Json is { } json ? Results.Json(json, ApiJson.Options, statusCode: outcome.StatusCode) : Results.StatusCode(outcome.StatusCode);
    }

    /// <summary>
    /// GET /api/deadletters/{entity}?max=: dead-lettered events, without bodies. The queues are the deployment's, so a
    /// tenant's caller (Operator, Auditor) lists only the events of its tenant (their <c>tenantid</c>); a caller that also
    /// holds ServiceOperator, who replays them, lists every one, including those whose tenant cannot be read.
    /// </summary>
    public Task<IResult> ListDeadLettersAsync(HttpRequest request, string entity, int? max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ApiCaller.TryGet(request, out var caller, out var unauthorized))
        {
            return Task.FromResult(unauthorized!);
        }

        if (max is < 1 or > DeadLetterService.MaxBatch)
        {
            return Task.FromResult(ApiProblems.Validation([$"max is {max}: use 1 to {DeadLetterService.MaxBatch}."]));
        }

        var tenant = caller.IsInRole(Security.ApiRoles.ServiceOperator) ? null : caller.Tenant;
        return deadLetters is { } dlq
            ? Guarded(async () => Results.Json(await dlq.ListAsync(entity, max ?? 100, cancellationToken, tenant).ConfigureAwait(false), ApiJson.Options))
            : Task.FromResult(NoServiceBus());
    }

    /// <summary>POST /api/deadletters/{entity}/replay[?messageId=]: sends one or all back to their entity.</summary>
    public Task<IResult> ReplayDeadLettersAsync(string entity, string? messageId, CancellationToken cancellationToken) =>
        deadLetters is { } dlq
            ? Guarded(async () => Results.Json(await dlq.ReplayAsync(entity, messageId, cancellationToken).ConfigureAwait(false), ApiJson.Options))
            : Task.FromResult(NoServiceBus());

    private static async Task<IResult> Guarded(Func<Task<IResult>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
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
