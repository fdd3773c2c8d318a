using System.Net;
using Microsoft.Extensions.Configuration;
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
    /// <summary>The key of the test principal holding every role in tenant <see cref="Tenant"/>.</summary>
    public const string AllRolesKey = "functions-test-key-all-roles-0123456789abcdef";

    /// <summary>The key of a test principal holding only Submitter in tenant <see cref="Tenant"/>.</summary>
    public const string SubmitterKey = "functions-test-key-submitter-0123456789abcdef";

    public const string Tenant = "acme";

    /// <summary>The App Service principal header is trusted in these tests (as behind Easy Auth).</summary>
    private static readonly IServiceProvider Services = BuildServices();

    public static IServiceProvider BuildServices(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AiFunctions:Auth:ApiKeys:all:KeyHash"] = AiFunctions.Hosting.Security.ApiKeyHash.Compute(AllRolesKey),
            ["AiFunctions:Auth:ApiKeys:all:Tenant"] = Tenant,
            ["AiFunctions:Auth:ApiKeys:all:Name"] = "functions-test",
            ["AiFunctions:Auth:ApiKeys:all:Roles:0"] = "Submitter",
            ["AiFunctions:Auth:ApiKeys:all:Roles:1"] = "Reviewer",
            ["AiFunctions:Auth:ApiKeys:all:Roles:2"] = "Operator",
            ["AiFunctions:Auth:ApiKeys:all:Roles:3"] = "Auditor",
            ["AiFunctions:Auth:ApiKeys:all:Roles:4"] = "ServiceOperator",
            ["AiFunctions:Auth:ApiKeys:submitter:KeyHash"] = AiFunctions.Hosting.Security.ApiKeyHash.Compute(SubmitterKey),
            ["AiFunctions:Auth:ApiKeys:submitter:Tenant"] = Tenant,
            ["AiFunctions:Auth:ApiKeys:submitter:Roles:0"] = "Submitter",
            ["AiFunctions:Auth:EasyAuth:Enabled"] = "true",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection().AddLogging();
        AiFunctions.Hosting.Security.CallerAuthentication.AddAiFunctionsSecurity(collection, configuration);
        return collection.BuildServiceProvider();
    }

    public static Mock<FunctionContext> Context()
    {
        // A scope per invocation, as the worker gives each function call (authentication handlers are scoped).
        var services = Services.CreateScope().ServiceProvider;
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InstanceServices).Returns(services);
        context.SetupGet(c => c.CancellationToken).Returns(CancellationToken.None);
        return context;
    }

    /// <summary>A request; it carries the all-roles test key unless <paramref name="apiKey"/> says otherwise ("" for none).</summary>
    public static HttpRequestData Request(string method, string pathAndQuery, string? body = null, string? contentType = "application/json", IDictionary<string, string>? headers = null, string? apiKey = AllRolesKey)
    {
        var context = Context().Object;
        var request = new Mock<HttpRequestData>(context);
        var requestHeaders = new HttpHeadersCollection();
        if (!string.IsNullOrEmpty(apiKey))
        {
            requestHeaders.Add(AiFunctions.Hosting.Api.ApiKeyHeader.Name, apiKey);
        }

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
