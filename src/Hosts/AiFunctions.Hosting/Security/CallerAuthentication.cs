using AiFunctions.Hosting.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// Authentication and authorization of both hosts: one policy scheme (<see cref="Scheme"/>) that forwards to JWT bearer
/// when the request carries <c>Authorization: Bearer</c>, to App Service Authentication when enabled and its header is
/// present, and to API keys otherwise; the <see cref="ApiPolicies"/>; problem-details 401 and 403 answers. The
/// standalone host runs it as ASP.NET Core middleware, the Functions app through <see cref="CallerAuthorization"/>.
/// </summary>
public static class CallerAuthentication
{
    /// <summary>The default scheme (a policy scheme choosing one of the three below).</summary>
    public const string Scheme = "AiFunctions";

    /// <summary>The JWT bearer scheme name.</summary>
    public const string BearerScheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>
    /// Adds <see cref="AuthOptions"/> (validated at start: a bad or missing setting stops the host naming it), the three
    /// schemes, the policies and the problem-details authorization answers.
    /// </summary>
    public static IServiceCollection AddAiFunctionsSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AuthOptions.Section);
        services.AddOptions<AuthOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>>(new AuthOptionsValidation(configuration)));

        var settings = section.Get<AuthOptions>() ?? new AuthOptions();
        var jwtEnabled = settings.Jwt.Enabled;
        var easyAuthEnabled = settings.EasyAuth.Enabled;
        var builder = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key, bearer token or App Service principal", o => o.ForwardDefaultSelector = context =>
                jwtEnabled && context.Request.Headers.Authorization is [{ } value] && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme
                : easyAuthEnabled && context.Request.Headers.ContainsKey(EasyAuthAuthenticationHandler.HeaderName) ? EasyAuthAuthenticationHandler.SchemeName
                : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { })
            .AddScheme<AuthenticationSchemeOptions, EasyAuthAuthenticationHandler>(EasyAuthAuthenticationHandler.SchemeName, _ => { });
        if (jwtEnabled)
        {
            builder.AddJwtBearer(BearerScheme, _ => { });
            services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        }

        services.AddAuthorizationBuilder()
            .AddApiPolicies()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }

    /// <summary>Writes the 401 problem-details answer with the WWW-Authenticate challenges.</summary>
    public static Task WriteChallengeAsync(HttpContext context, string? reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.WWWAuthenticate = new Microsoft.Extensions.Primitives.StringValues(["Bearer", ApiKeyHeader.Name]);
        return ApiProblems.Unauthorized(reason).ExecuteAsync(context);
    }

    /// <summary>What was wrong with the credentials, in words safe to answer (no token content).</summary>
    public static string? Describe(Exception? failure) => failure switch
    {
        null => null,
        SecurityTokenExpiredException => "The bearer token has expired",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet",
        SecurityTokenInvalidAudienceException => "The bearer token's audience is not accepted by this API",
        SecurityTokenInvalidIssuerException => "The bearer token's issuer is not accepted by this API",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The bearer token's signature could not be validated",
        SecurityTokenException or ArgumentException => "The bearer token is not valid",
        _ => failure.Message,
    };

    /// <summary>The 403 answer: which roles the operation needs and which the caller holds.</summary>
    public static IResult Forbidden(System.Security.Claims.ClaimsPrincipal user, string policy)
    {
        var caller = CallerPrincipal.From(user);
        var needed = ApiPolicies.Roles.TryGetValue(policy, out var roles) ? string.Join(" or ", roles) : policy;
        return ApiProblems.Forbidden("forbidden",
            $"This operation needs the role {needed}; the caller '{caller?.Name}' holds {(caller is { Roles.Count: > 0 } ? string.Join(", ", caller.Roles) : "no role")}. Ask your administrator for the role, or call with a principal that holds it.");
    }
}
