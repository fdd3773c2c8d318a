using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace AiFunctions.GatewayLoad;

/// <summary>
/// The ceiling of any two-hop gateway on this machine: reverse proxies that do nothing but forward, in front of the
/// same fake. <see cref="BuildYarp"/> is YARP's direct forwarder (<c>MapForwarder</c>, Microsoft's production reverse
/// proxy); <see cref="BuildMinimal"/> is the smallest correct forwarder by hand: Kestrel and one pooled HttpClient
/// copying the method, path, body, content type and authorization to the upstream and its status, content type and
/// body back. No routing, authentication, parsing or accounting: what is left is the second hop itself.
/// </summary>
internal static class BareProxy
{
    public static WebApplication BuildYarp(int port, Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        app.MapGet(AllocationProbe.Path, AllocationProbe.Read);
        app.MapForwarder("/{**path}", upstream.ToString().TrimEnd('/'), ForwarderRequestConfig.Empty, HttpTransformer.Empty);
        return app;
    }

    public static WebApplication BuildMinimal(int port, Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        });
        var authority = upstream.GetLeftPart(UriPartial.Authority);
        app.Run(async context =>
        {
            if (context.Request.Path == AllocationProbe.Path)
            {
                await context.Response.WriteAsync(AllocationProbe.Read()).ConfigureAwait(false);
                return;
            }

            var incoming = context.Request;
            using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), authority + incoming.Path + incoming.QueryString)
            {
                Content = new StreamContent(incoming.Body),
            };
            if (incoming.ContentType is { } contentType)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            if (incoming.ContentLength is { } length)
            {
                request.Content.Headers.ContentLength = length;
            }

            if (incoming.Headers.Authorization is { Count: > 0 } authorization)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization.ToString());
            }

            using var response = await http.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }

            if (response.Content.Headers.ContentLength is { } responseLength)
            {
                context.Response.ContentLength = responseLength;
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        return app;
    }
}
