using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.FunctionApp.Tests.Http;

/// <summary>
/// What the standalone host answers for the same request: the shared handler run on a plain ASP.NET Core
/// <see cref="DefaultHttpContext"/>, as its minimal-API endpoint does. Tests compare the Functions trigger's response
/// with this, so they hold whatever status the shared handlers choose.
/// </summary>
internal sealed record StandaloneResult(int Status, string? ContentType, string Body)
{
    public static async Task<StandaloneResult> RunAsync(Func<HttpRequest, Task<IResult>> handler, string method, string? body, string? contentType)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
            User = AiFunctions.Hosting.Security.CallerPrincipal.Create("functions-test", FakeHttp.Tenant, AiFunctions.Hosting.Security.ApiRoles.All, "ApiKey"),
        };
        context.Request.Method = method;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty));
        var output = new MemoryStream();
        context.Response.Body = output;

        var result = await handler(context.Request);
        await result.ExecuteAsync(context);
        return new StandaloneResult(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(output.ToArray()));
    }
}
