using System.Security.Claims;
using System.Text.Encodings.Web;
using AiFunctions.Hosting.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AiFunctions.Host.Auth;

/// <summary>
/// Authenticates requests carrying an accepted <c>X-Api-Key</c> (AiFunctions:Api:ApiKeys); answers 401 with a
/// problem-details body otherwise. Keys are compared in constant time and never logged.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiOptions> apiOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyHeader.Name, out var presented) || presented.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!ApiKeyHeader.IsAccepted(presented[0], apiOptions.CurrentValue.ApiKeys))
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {ApiKeyHeader.Name} header holds no accepted key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key-client")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{ApiKeyHeader.Name}";
        await ApiProblems.Unauthorized().ExecuteAsync(Context).ConfigureAwait(false);
    }
}
