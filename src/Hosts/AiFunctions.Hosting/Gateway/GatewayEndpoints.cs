using AiFunctions.Hosting.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiFunctions.Hosting.Gateway;

/// <summary>
/// Maps the OpenAI-compatible gateway (<see cref="GatewayApi.Routes"/>). Anonymous to the host's API-key scheme: the
/// gateway authenticates its callers by their own keys (Authorization: Bearer), as OpenAI clients send them.
/// </summary>
public static class GatewayEndpoints
{
    /// <summary>Maps <c>POST /v1/chat/completions</c>, <c>POST /v1/embeddings</c> and <c>GET /v1/models</c> (needs <see cref="GatewayServiceCollectionExtensions.AddOpenAIGateway"/>).</summary>
    public static IEndpointRouteBuilder MapOpenAIGateway(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Map(app, GatewayApi.ChatCompletionsRoute, (HttpRequest r, GatewayApi api, CancellationToken ct) => api.ChatCompletionsAsync(r, ct))
            .Accepts<ChatCompletionRequest>("application/json").Produces<ChatCompletionWire>().Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        Map(app, GatewayApi.EmbeddingsRoute, (HttpRequest r, GatewayApi api, CancellationToken ct) => api.EmbeddingsAsync(r, ct))
            .Accepts<EmbeddingRequest>("application/json").Produces<EmbeddingListWire>();
        Map(app, GatewayApi.ModelsRoute, (HttpRequest r, GatewayApi api) => api.ListModels(r)).Produces<ModelListWire>();
        return app;
    }

    private static RouteHandlerBuilder Map(IEndpointRouteBuilder app, ApiRoute route, Delegate handler) =>
        app.MapMethods(route.Pattern, [route.Method], handler)
            .WithName(route.Name)
            .AllowAnonymous()
            .Produces<ErrorResponseWire>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponseWire>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorResponseWire>(StatusCodes.Status404NotFound)
            .Produces<ErrorResponseWire>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorResponseWire>(StatusCodes.Status503ServiceUnavailable);
}
