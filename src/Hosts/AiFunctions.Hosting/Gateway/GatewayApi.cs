using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Configuration;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFunctions.Hosting.Gateway;

/// <summary>
/// The OpenAI-compatible endpoints (<c>POST /v1/chat/completions</c> plain and streamed, <c>POST /v1/embeddings</c>,
/// <c>GET /v1/models</c>), so the platform's other applications reach models through the kernel with the official
/// OpenAI SDKs unchanged. <c>model</c> names a route (or an alias); the key names the application, its tenant and the
/// routes it may use. Each call goes through the route's client, so every kernel feature applies (redaction,
/// failover, retries, circuit breakers, rate limits, budgets, accounting, caching). Errors use OpenAI's shape
/// (<see cref="OpenAIError"/>). The routes are anonymous to the hosts' API-key scheme: the gateway authenticates its
/// own callers by key hash (<see cref="GatewayDirectory"/>), which works the same in both hosts. Logs carry app, route
/// and failure reason only, never message text.
/// </summary>
public sealed partial class GatewayApi(
    IServiceProvider services,
    GatewayDirectory directory,
    EffectiveAiConfiguration configuration,
    TimeProvider time,
    ILogger<GatewayApi> logger)
{
    public static ApiRoute ChatCompletionsRoute { get; } = new("CreateChatCompletion", "POST", "v1/chat/completions", Anonymous: true);
    public static ApiRoute EmbeddingsRoute { get; } = new("CreateEmbeddings", "POST", "v1/embeddings", Anonymous: true);
    public static ApiRoute ModelsRoute { get; } = new("ListModels", "GET", "v1/models", Anonymous: true);

    /// <summary>The gateway's operations (beside <see cref="ApiRoutes.All"/>; they authenticate with the gateway's keys).</summary>
    public static IReadOnlyList<ApiRoute> Routes { get; } = [ChatCompletionsRoute, EmbeddingsRoute, ModelsRoute];

    private readonly ConcurrentDictionary<string, IChatClient> _chat = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IEmbeddingGenerator<string, Embedding<float>>> _embeddings = new(StringComparer.Ordinal);
    private readonly RateLimitOptions _limits = configuration.Root.GetSection(AiKernelSections.RateLimits).Get<RateLimitOptions>() ?? new();

    /// <summary><c>POST /v1/chat/completions</c>.</summary>
    public async Task<IResult> ChatCompletionsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (directory.Authenticate(request, out var authError) is not { } caller)
        {
            return authError!.ToResult();
        }

        var (body, parseError) = await ReadAsync(request, OpenAIWireJson.Default.ChatCompletionRequest, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return parseError!.ToResult();
        }

        if (ResolveRoute(caller, body.Model, out var route) is { } routeError)
        {
            return routeError.ToResult();
        }

        if (OpenAIChatMapping.TryBuild(body, out var messages, out var options) is { } mappingError)
        {
            return mappingError.ToResult();
        }

        var client = _chat.GetOrAdd(route, static (r, sp) => sp.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat(r)), services);
        var call = new AiCallContext(caller.Tenant, caller.Workflow, request.Headers["x-request-id"].ToString() is { Length: > 0 } id ? id : null);
        if (body.Stream == true)
        {
            return new ChatStreamResult(this, caller, client, messages, options, call, route, body.Model!, body.StreamOptions?.IncludeUsage == true);
        }

        using var scope = AiCallContext.Begin(call);
        try
        {
            var response = await client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            return TypedResults.Json(OpenAIChatMapping.ToWire(response, body.Model!, time), OpenAIWireJson.Default.ChatCompletionWire);
        }
        catch (Exception ex) when (OpenAIError.From(ex) is { } error)
        {
            return Fail(caller, route, ex, error);
        }
    }

    /// <summary><c>POST /v1/embeddings</c> (<c>encoding_format</c> float or base64).</summary>
    public async Task<IResult> EmbeddingsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (directory.Authenticate(request, out var authError) is not { } caller)
        {
            return authError!.ToResult();
        }

        var (body, parseError) = await ReadAsync(request, OpenAIWireJson.Default.EmbeddingRequest, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return parseError!.ToResult();
        }

        if (ResolveRoute(caller, body.Model, out var route) is { } routeError)
        {
            return routeError.ToResult();
        }

        if (ReadInput(body.Input) is not { } inputs)
        {
            return OpenAIError.BadRequest("input", "'input' must be a non-empty string or a non-empty array of non-empty strings (token arrays are not accepted: send text).").ToResult();
        }

        var base64 = body.EncodingFormat switch
        {
            null or "float" => false,
            "base64" => true,
            _ => (bool?)null,
        };
        if (base64 is null)
        {
            return OpenAIError.BadRequest("encoding_format", "'encoding_format' must be float or base64.").ToResult();
        }

        if (body.Dimensions is < 1)
        {
            return OpenAIError.BadRequest("dimensions", "'dimensions' must be at least 1.").ToResult();
        }

        var generator = _embeddings.GetOrAdd(route, static (r, sp) => sp.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(RouteKeys.Embeddings(r)), services);
        using var scope = AiCallContext.Begin(new AiCallContext(caller.Tenant, caller.Workflow));
        try
        {
            var options = body.Dimensions is { } dimensions ? new EmbeddingGenerationOptions { Dimensions = dimensions } : null;
            var result = await generator.GenerateAsync(inputs, options, cancellationToken).ConfigureAwait(false);
            var input = result.Usage?.InputTokenCount ?? 0;
            var usage = new EmbeddingUsageWire(input, result.Usage?.TotalTokenCount ?? input);
            return base64 == true
                ? TypedResults.Json(new Base64EmbeddingListWire([.. result.Select((e, i) => new Base64EmbeddingWire(i, ToBase64(e.Vector)))], body.Model!, usage), OpenAIWireJson.Default.Base64EmbeddingListWire)
                : TypedResults.Json(new EmbeddingListWire([.. result.Select((e, i) => new EmbeddingWire(i, e.Vector))], body.Model!, usage), OpenAIWireJson.Default.EmbeddingListWire);
        }
        catch (Exception ex) when (OpenAIError.From(ex) is { } error)
        {
            return Fail(caller, route, ex, error);
        }
    }

    /// <summary><c>GET /v1/models</c>: the routes and aliases the caller's key may use.</summary>
    public IResult ListModels(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (directory.Authenticate(request, out var authError) is not { } caller)
        {
            return authError!.ToResult();
        }

        var models = directory.Models
            .Where(m => caller.MayUse(m.Route))
            .OrderBy(m => m.Model, StringComparer.Ordinal)
            .Select(m => new ModelWire(m.Model, 0, "aifunctions"))
            .ToArray();
        return TypedResults.Json(new ModelListWire(models), OpenAIWireJson.Default.ModelListWire);
    }

    private OpenAIError? ResolveRoute(GatewayCaller caller, string? model, out string route)
    {
        route = string.Empty;
        if (string.IsNullOrWhiteSpace(model))
        {
            return OpenAIError.BadRequest("model", "'model' is required: the name of a route or alias (GET /v1/models lists them).");
        }

        if (directory.Resolve(model) is not { } resolved)
        {
            return OpenAIError.ModelNotFound(model);
        }

        if (!caller.MayUse(resolved))
        {
            return OpenAIError.ModelNotAllowed(model, caller.App);
        }

        route = resolved;
        return null;
    }

    private static async Task<(T? Body, OpenAIError? Error)> ReadAsync<T>(HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, OpenAIError.BadRequest("Content-Type", $"The body must be JSON (Content-Type: application/json), not '{contentType}'."));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken).ConfigureAwait(false);
            return body is null ? (null, OpenAIError.BadRequest("body", "The body must be a JSON object.")) : (body, null);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "body";
            return (null, OpenAIError.BadRequest(path, $"The body is not valid for this operation at '{path}' (line {ex.LineNumber + 1}): send JSON as the OpenAI API reference describes."));
        }
    }

    private static List<string>? ReadInput(JsonElement? input)
    {
        if (input is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() is { Length: > 0 } text ? [text] : null;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return null;
        }

        var values = new List<string>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } text)
            {
                return null;
            }

            values.Add(text);
        }

        return values;
    }

    private static string ToBase64(ReadOnlyMemory<float> vector) =>
        Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.Span));

    /// <summary>Logs (reason only) and answers the mapped error, with x-ratelimit-* headers for a tenant limit.</summary>
    private IResult Fail(GatewayCaller caller, string route, Exception exception, OpenAIError error)
    {
        var reason = exception is AiKernelException k ? k.Reason.ToString() : exception.GetType().Name;
        LogFailed(logger, caller.App, route, reason, error.Status);
        var result = error.ToResult();
        return exception is RateLimitExceededException limited ? new RateLimitHeadersResult(result, limited, LimitFor(caller.Tenant)) : result;
    }

    internal void OnStreamFailed(GatewayCaller caller, string route, Exception exception)
    {
        var reason = exception is AiKernelException k ? k.Reason.ToString() : exception.GetType().Name;
        LogStreamFailed(logger, caller.App, route, reason);
    }

    private RateLimitRule? LimitFor(string tenant) =>
        _limits.Tenants.TryGetValue(tenant, out var rule) || _limits.Tenants.TryGetValue("*", out rule) ? rule : null;

    [LoggerMessage(1, LogLevel.Warning, "Gateway: app {App} on route {Route} failed ({Reason}); answered {Status}.")]
    private static partial void LogFailed(ILogger logger, string app, string route, string reason, int status);

    [LoggerMessage(2, LogLevel.Warning, "Gateway: app {App} on route {Route}: stream failed ({Reason}) after it had started.")]
    private static partial void LogStreamFailed(ILogger logger, string app, string route, string reason);

    /// <summary>
    /// OpenAI's rate-limit headers on a 429 from a tenant limit: <c>x-ratelimit-limit-{requests|tokens}</c> (the
    /// configured per-minute limit), <c>x-ratelimit-remaining-…</c> 0 and <c>x-ratelimit-reset-…</c> (e.g. "12s").
    /// </summary>
    private sealed class RateLimitHeadersResult(IResult inner, RateLimitExceededException limited, RateLimitRule? rule) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var tokens = limited.Scope.Contains("tokens", StringComparison.Ordinal);
            var kind = tokens ? "tokens" : "requests";
            var headers = httpContext.Response.Headers;
            if ((tokens ? rule?.TokensPerMinute : rule?.RequestsPerMinute) is { } limit)
            {
                headers["x-ratelimit-limit-" + kind] = limit.ToString(CultureInfo.InvariantCulture);
            }

            headers["x-ratelimit-remaining-" + kind] = "0";
            var reset = limited.RetryAfter ?? TimeSpan.FromSeconds(1);
            headers["x-ratelimit-reset-" + kind] = Math.Max(1, Math.Ceiling(reset.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
