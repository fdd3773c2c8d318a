using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// App Service Authentication ("Easy Auth"): the platform validates the caller's token and passes its claims as base64
/// JSON in <c>X-MS-CLIENT-PRINCIPAL</c> (<c>{auth_typ, name_typ, role_typ, claims: [{typ, val}]}</c>). Used only when
/// <see cref="EasyAuthCallerOptions.Enabled"/>; the name is the <c>name_typ</c> claim, the roles the <c>role_typ</c> claims,
/// the tenant the configured claim (or the configured fixed tenant).
/// </summary>
public sealed class EasyAuthAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> authOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "EasyAuth";
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    private const int MaxHeaderLength = 16 * 1024;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = authOptions.CurrentValue.EasyAuth;
        if (!settings.Enabled || !Request.Headers.TryGetValue(HeaderName, out var header) || header.Count != 1)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        try
        {
            var value = header[0]!;
            if (value.Length > MaxHeaderLength)
            {
                return Task.FromResult(AuthenticateResult.Fail($"{HeaderName} is longer than {MaxHeaderLength} characters"));
            }

            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(value)));
            var root = document.RootElement;
            var nameType = root.TryGetProperty("name_typ", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : ClaimTypes.Name;
            var roleType = root.TryGetProperty("role_typ", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : ClaimTypes.Role;
            var claims = root.GetProperty("claims").EnumerateArray()
                .Select(c => (Type: c.GetProperty("typ").GetString(), Value: c.GetProperty("val").GetString()))
                .Where(c => c.Type is not null && c.Value is not null)
                .ToArray();
            string? First(string type) => claims.FirstOrDefault(c => c.Type == type).Value;
            var principal = CallerPrincipal.Create(
                First(nameType) ?? First("name") ?? First("preferred_username"),
                First(settings.TenantClaim) ?? settings.Tenant,
                claims.Where(c => c.Type == roleType || c.Type == "roles").Select(c => c.Value!),
                SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return Task.FromResult(AuthenticateResult.Fail($"{HeaderName} is not a usable App Service principal: {(ex is ArgumentException ? ex.Message.Split(" (Parameter", 2)[0] : "malformed")}"));
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        await CallerAuthentication.WriteChallengeAsync(Context, result.Failure?.Message).ConfigureAwait(false);
    }
}
