using AiFunctions.Hosting.Gateway;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AiFunctions.FunctionApp.Http;

/// <summary>
/// The OpenAI-compatible gateway (<see cref="GatewayApi.Routes"/>: <c>POST /v1/chat/completions</c>,
/// <c>POST /v1/embeddings</c>, <c>GET /v1/models</c>), served by the shared <see cref="GatewayApi"/> so the platform's
/// other apps reach the kernel in Azure as they do on the standalone host. Anonymous at the Functions host level: the
/// OpenAI SDKs send only <c>Authorization: Bearer</c>, which the gateway checks against its own app keys
/// (<c>AiFunctions:Gateway:Apps</c>) and answers in OpenAI's error shape. A streamed answer (<c>stream: true</c>) is
/// the same <c>text/event-stream</c> body, delivered when complete: the isolated worker's <see cref="HttpResponseData"/>
/// is written once (docs/gateway.md, "In the Functions app").
/// </summary>
public sealed class GatewayHttpFunctions(GatewayApi api)
{
    [Function("CreateChatCompletion")]
    public Task<HttpResponseData> CreateChatCompletion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/chat/completions")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, GatewayApi.ChatCompletionsRoute, api.ChatCompletionsAsync);

    [Function("CreateEmbeddings")]
    public Task<HttpResponseData> CreateEmbeddings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/embeddings")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, GatewayApi.EmbeddingsRoute, api.EmbeddingsAsync);

    [Function("ListModels")]
    public Task<HttpResponseData> ListModels(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/models")] HttpRequestData request) =>
        HttpResultBridge.RunAsync(request, GatewayApi.ModelsRoute, (r, _) => Task.FromResult(api.ListModels(r)));
}
