using System.Text.Encodings.Web;
using AiFunctions.Hosting.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// Authenticates a request carrying an <c>X-Api-Key</c> whose SHA-256 matches a configured
/// <see cref="ApiKeyCallerOptions.KeyHash"/>, as that entry's principal (name, tenant, roles). Keys are never logged or
/// stored; the comparison runs in constant time over every configured hash.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> authOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyHeader.Name, out var presented) || presented.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var entries = authOptions.CurrentValue.ApiKeys.ToArray();
        var hashes = entries.Select(e => ApiKeyHash.Parse(e.Value.KeyHash) ?? new byte[32]).ToArray();
        var index = presented.Count == 1 ? ApiKeyHash.Match(presented[0], hashes) : -1;
        if (index < 0)
        {
            return Task.FromResult(AuthenticateResult.Fail($"The {ApiKeyHeader.Name} header holds no accepted key"));
        }

        var (entryName, entry) = entries[index];
        var principal = CallerPrincipal.Create(entry.Name ?? entryName, entry.Tenant, entry.Roles, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        await CallerAuthentication.WriteChallengeAsync(Context, result.Failure?.Message).ConfigureAwait(false);
    }
}
