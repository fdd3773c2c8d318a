using AiFunctions.Hosting.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// The same authentication and route policy as the standalone host's middleware, for hosts that call the shared
/// handlers themselves (the Functions app's HTTP triggers, after the platform's function-key check): authenticates with
/// <see cref="CallerAuthentication.Scheme"/>, sets <see cref="HttpContext.User"/> and evaluates the route's
/// <see cref="ApiRoute.Policy"/>. Fails closed: without the security services every protected route is 401.
/// </summary>
public static class CallerAuthorization
{
    /// <summary>Null when the caller may proceed (its principal is then on the context); otherwise the 401/403 answer.</summary>
    public static async Task<IResult?> AuthorizeAsync(HttpContext context, ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(route);
        if (route.Anonymous)
        {
            return null;
        }

        if (context.RequestServices?.GetService<IAuthenticationService>() is null || context.RequestServices.GetService<IAuthorizationService>() is not { } authorization)
        {
            return ApiProblems.Unauthorized("This host has no authentication configured (AddAiFunctionsSecurity)");
        }

        var result = await context.AuthenticateAsync(CallerAuthentication.Scheme).ConfigureAwait(false);
        if (!result.Succeeded || result.Principal is null)
        {
            context.Response.Headers.WWWAuthenticate = new Microsoft.Extensions.Primitives.StringValues(["Bearer", ApiKeyHeader.Name]);
            return ApiProblems.Unauthorized(CallerAuthentication.Describe(result.Failure));
        }

        context.User = result.Principal;
        var policy = route.Policy ?? throw new InvalidOperationException($"Route {route} declares no policy.");
        var outcome = await authorization.AuthorizeAsync(result.Principal, policy).ConfigureAwait(false);
        return outcome.Succeeded ? null : CallerAuthentication.Forbidden(result.Principal, policy);
    }
}
