using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AiFunctions.FunctionApp.Tests.Http;

/// <summary>HttpRequestData / HttpResponseData / FunctionContext doubles (Moq) for calling function classes directly.</summary>
internal static class FakeHttp
{
    public static Mock<FunctionContext> Context()
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InstanceServices).Returns(services);
        context.SetupGet(c => c.CancellationToken).Returns(CancellationToken.None);
        return context;
    }

    public static HttpRequestData Request(string method, string pathAndQuery, string? body = null, string? contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var context = Context().Object;
        var request = new Mock<HttpRequestData>(context);
        var requestHeaders = new HttpHeadersCollection();
        if (contentType is not null)
        {
            requestHeaders.Add("Content-Type", contentType);
        }

        foreach (var header in headers ?? new Dictionary<string, string>())
        {
            requestHeaders.Add(header.Key, header.Value);
        }

        request.SetupGet(r => r.Method).Returns(method);
        request.SetupGet(r => r.Url).Returns(new Uri("https://func.example" + pathAndQuery));
        request.SetupGet(r => r.Headers).Returns(requestHeaders);
        request.SetupGet(r => r.Body).Returns(new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty)));
        request.SetupGet(r => r.Identities).Returns(Array.Empty<ClaimsIdentity>());
        request.SetupGet(r => r.Cookies).Returns(Array.Empty<IHttpCookie>());
        request.Setup(r => r.CreateResponse()).Returns(() => Response(context));
        return request.Object;
    }

    private static HttpResponseData Response(FunctionContext context)
    {
        var response = new Mock<HttpResponseData>(context);
        response.SetupProperty(r => r.StatusCode, HttpStatusCode.OK);
        response.SetupProperty(r => r.Headers, new HttpHeadersCollection());
        response.SetupProperty(r => r.Body, new MemoryStream());
        response.SetupGet(r => r.Cookies).Returns(new Mock<HttpCookies>().Object);
        return response.Object;
    }

    public static string BodyText(this HttpResponseData response) =>
        Encoding.UTF8.GetString(((MemoryStream)response.Body).ToArray());

    public static JsonElement BodyJson(this HttpResponseData response)
    {
        using var document = JsonDocument.Parse(response.BodyText());
        return document.RootElement.Clone();
    }

    public static string? Header(this HttpResponseData response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
