using AiFunctions.Hosting.Api;
using Microsoft.AspNetCore.Authentication;

namespace AiFunctions.Host.Auth;

internal static class ApiKeyAuthenticationExtensions
{
    /// <summary>
    /// API-key authentication as the default scheme, and a fallback policy that requires it on every endpoint not marked
    /// anonymous. Fails start-up when no key is configured, naming the setting.
    /// </summary>
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>()?.ApiKeys ?? [];
        if (keys.All(string.IsNullOrWhiteSpace))
        {
            throw new InvalidOperationException(
                $"No API key is configured: set '{ApiOptions.Section}:ApiKeys:0' (environment variable AiFunctions__Api__ApiKeys__0) to a long random value; clients send it in the {ApiKeyHeader.Name} header.");
        }

        if (keys.Any(k => !string.IsNullOrWhiteSpace(k) && k.Length < 16))
        {
            throw new InvalidOperationException($"'{ApiOptions.Section}:ApiKeys' holds a key shorter than 16 characters: use long random keys.");
        }

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());
        return services;
    }
}
