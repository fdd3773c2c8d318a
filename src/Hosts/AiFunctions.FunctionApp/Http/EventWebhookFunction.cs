using System.Web;
using AiFunctions.Events.EventGrid;
using AiFunctions.Hosting.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AiFunctions.FunctionApp.Http;

/// <summary>
/// The Event Grid / CloudEvents webhook, /api/events, as an HTTP trigger over the events library's protocol logic
/// (<see cref="EventIntake"/>: shared-key check, OPTIONS and SubscriptionValidation handshakes, parsing, hand-over).
/// The trigger is anonymous at the Functions level because the intake checks its own shared key (the <c>code</c> query
/// parameter or the key header), exactly as in the standalone host; a Functions key would take the same <c>code</c>
/// parameter and hide it.
/// </summary>
public sealed class EventWebhookFunction(EventIntake intake)
{
    public const string Name = "ReceiveEvents";
    public const string Route = "api/events";

    [Function(Name)]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = Route)] HttpRequestData request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = HttpUtility.ParseQueryString(request.Url.Query);
        var body = await BinaryData.FromStreamAsync(request.Body, request.FunctionContext.CancellationToken).ConfigureAwait(false);
        var webhookRequest = new WebhookRequest(
            request.Method,
            name => request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null,
            name => query[name],
            request.Headers.TryGetValues("Content-Type", out var contentType) ? contentType.FirstOrDefault() : null,
            body);
        var outcome = await intake.HandleAsync(webhookRequest, request.FunctionContext.CancellationToken).ConfigureAwait(false);

        var response = await HttpResultBridge.RunAsync(request, () => ToResult(outcome)).ConfigureAwait(false);
        foreach (var header in outcome.Headers)
        {
            response.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return response;
    }

    /// <summary>The intake's answer as an HTTP result: problem-details, JSON, or an empty status.</summary>
    public static IResult ToResult(WebhookResponse outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.IsProblem)
        {
            return Results.Problem(detail: outcome.ProblemDetail, statusCode: outcome.StatusCode, title: outcome.ProblemTitle);
        }

        return outcome.Json is { } json ? Results.Json(json, ApiJson.Options, statusCode: outcome.StatusCode) : Results.StatusCode(outcome.StatusCode);
    }
}
