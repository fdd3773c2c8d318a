using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

internal static class ResultExtensions
{
    /// <summary>Sets the Location header on the response the result will be written to.</summary>
    public static IResult WithLocation(this IResult result, HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return result;
    }
}
