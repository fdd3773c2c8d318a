using AiFunctions.Hosting.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AiFunctions.FunctionApp.Http;

/// <summary>
/// The event routes (<see cref="EventApi.Routes"/>), served by the shared <see cref="EventApi"/>: the Event Grid /
/// CloudEvents webhook and dead-letter listing and replay. The webhook is anonymous at the Functions level because the
/// intake checks its own shared key (the <c>code</c> query parameter or the key header), as in the standalone host; a
/// Functions key would take the same <c>code</c> parameter.
/// </summary>
public sealed class EventHttpFunctions(EventApi api)
{
    [Function("ReceiveEvents")]
    public Task<HttpResponseData> ReceiveEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "api/events")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, EventApi.ReceiveEventsRoute, api.ReceiveAsync);

    [Function("ListDeadLetters")]
    public Task<HttpResponseData> ListDeadLetters(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/deadletters/{entity}")] HttpRequestData request,
        string entity) =>
        HttpResultBridge.RunAsync(request, EventApi.ListDeadLettersRoute, (r, ct) => api.ListDeadLettersAsync(r, entity, int.TryParse(r.Query["max"], out var max) ? max : null, ct));

    [Function("ReplayDeadLetters")]
    public Task<HttpResponseData> ReplayDeadLetters(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/deadletters/{entity}/replay")] HttpRequestData request,
        string entity) =>
        HttpResultBridge.RunAsync(request, EventApi.ReplayDeadLettersRoute, (r, ct) => api.ReplayDeadLettersAsync(entity, r.Query["messageId"], ct));
}
