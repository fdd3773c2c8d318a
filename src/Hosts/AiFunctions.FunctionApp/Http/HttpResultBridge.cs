using System.Net;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace AiFunctions.FunctionApp.Http;

/// <summary>
/// Runs the shared API handlers (AiFunctions.Hosting, written against ASP.NET Core's <see cref="HttpRequest"/> and
/// <see cref="IResult"/>) inside an isolated-worker HTTP trigger: the <see cref="HttpRequestData"/> becomes an in-memory
/// <see cref="HttpContext"/>, the handler's result is executed against it, and its status, headers and body are copied
/// to the <see cref="HttpResponseData"/>. Status codes, problem-details and JSON are therefore byte for byte those of
/// the standalone host. No decisions are made here.
/// </summary>
public static class HttpResultBridge
{
    /// <summary>
    /// Authenticates the caller and applies <paramref name="route"/>'s policy exactly as the standalone host does
    /// (<see cref="CallerAuthorization"/>: API key, bearer token or App Service principal; 401/403 problem-details),
    /// then calls <paramref name="handler"/> with the request as an ASP.NET Core request and writes its result.
    /// Transient storage failures become 503 with Retry-After (<see cref="ApiExceptions"/>).
    /// </summary>
    public static async Task<HttpResponseData> RunAsync(HttpRequestData request, ApiRoute route, Func<HttpRequest, CancellationToken, Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(handler);
        var context = ToHttpContext(request);
        var cancellationToken = request.FunctionContext.CancellationToken;
        IResult result;
        try
        {
            result = await CallerAuthorization.AuthorizeAsync(context, route).ConfigureAwait(false)
                ?? await handler(context.Request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ApiExceptions.Map(ex, cancellationToken) is { } mapped)
        {
            result = mapped;
        }

        return await WriteAsync(request, context, result).ConfigureAwait(false);
    }

    /// <summary>Writes a result produced without reading the request (catalog and health operations), after the same checks.</summary>
    public static Task<HttpResponseData> RunAsync(HttpRequestData request, ApiRoute route, Func<IResult> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return RunAsync(request, route, (_, _) => Task.FromResult(handler()));
    }

    internal static DefaultHttpContext ToHttpContext(HttpRequestData request)
    {
        var context = new DefaultHttpContext { RequestServices = request.FunctionContext.InstanceServices };
        var target = context.Request;
        target.Method = request.Method;
        target.Scheme = request.Url.Scheme;
        target.Host = new HostString(request.Url.Authority);
        target.Path = new PathString(request.Url.AbsolutePath);
        target.QueryString = new QueryString(request.Url.Query);
        foreach (var header in request.Headers)
        {
            target.Headers[header.Key] = header.Value.ToArray();
        }

        target.Body = request.Body;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<HttpResponseData> WriteAsync(HttpRequestData request, DefaultHttpContext context, IResult result)
    {
        await result.ExecuteAsync(context).ConfigureAwait(false);
        var response = request.CreateResponse((HttpStatusCode)context.Response.StatusCode);
        foreach (var header in context.Response.Headers)
        {
            response.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        var body = (MemoryStream)context.Response.Body;
        body.Position = 0;
        await body.CopyToAsync(response.Body, request.FunctionContext.CancellationToken).ConfigureAwait(false);
        return response;
    }
}
