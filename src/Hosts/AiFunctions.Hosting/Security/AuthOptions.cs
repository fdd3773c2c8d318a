namespace AiFunctions.Hosting.Security;

/// <summary>
/// Who may call (<c>AiFunctions:Auth</c>): API keys for service callers, JWT bearer tokens from Microsoft Entra ID or any
/// OIDC issuer for people and apps, and optionally App Service Authentication's principal header (Functions app behind
/// Easy Auth). At least one must be configured; start-up fails naming the setting otherwise. docs/security.md.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "AiFunctions:Auth";

    /// <summary>API keys by a name of your choice (<c>AiFunctions:Auth:ApiKeys:{name}:KeyHash</c> …), each with its principal.</summary>
    public Dictionary<string, ApiKeyCallerOptions> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>JWT bearer validation; enabled when <see cref="JwtCallerOptions.Authority"/> is set.</summary>
    public JwtCallerOptions Jwt { get; set; } = new();

    /// <summary>App Service Authentication (<c>X-MS-CLIENT-PRINCIPAL</c>); off unless enabled.</summary>
    public EasyAuthCallerOptions EasyAuth { get; set; } = new();
}

/// <summary>One API key and the principal it authenticates as.</summary>
public sealed class ApiKeyCallerOptions
{
    /// <summary>"sha256:" + 64 hex digits of SHA-256 over the key (<see cref="ApiKeyHash.Compute"/>). Never the key itself.</summary>
    public string? KeyHash { get; set; }

    /// <summary>The principal's name (recorded as the actor of its decisions). Default: the entry's name.</summary>
    public string? Name { get; set; }

    /// <summary>The principal's tenant (<see cref="Workflows.ResourceIds.Rule"/>). Required.</summary>
    public string? Tenant { get; set; }

    /// <summary>Roles (<see cref="ApiRoles"/>). Required: at least one.</summary>
    public List<string> Roles { get; set; } = [];
}

/// <summary>JWT bearer settings (Microsoft.AspNetCore.Authentication.JwtBearer).</summary>
public sealed class JwtCallerOptions
{
    /// <summary>The issuer's base URL; its OIDC metadata (issuer, signing keys) is read from {Authority}/.well-known/openid-configuration. For Entra ID: https://login.microsoftonline.com/{tenant-id}/v2.0.</summary>
    public string? Authority { get; set; }

    /// <summary>Accepted <c>aud</c> values (the API's application id URI or client id). Required with an authority.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>Accepted <c>iss</c> values; default the metadata's issuer.</summary>
    public List<string> Issuers { get; set; } = [];

    /// <summary>Claim holding the tenant; default "tenant" (for Entra, "tid" names the directory, not an HR tenant).</summary>
    public string TenantClaim { get; set; } = CallerPrincipal.TenantClaimType;

    /// <summary>Tenant of every token from this issuer when tokens carry no tenant claim (a single-tenant deployment).</summary>
    public string? Tenant { get; set; }

    /// <summary>Claims tried in order for the principal's name; default preferred_username, name, appid, azp, sub.</summary>
    public List<string> NameClaims { get; set; } = [];

    /// <summary>Claim holding roles (Entra app roles: "roles").</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Whether the metadata address must be HTTPS (default true; false only for a local test issuer).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    internal bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    internal IReadOnlyList<string> EffectiveNameClaims => NameClaims.Count > 0 ? NameClaims : ["preferred_username", "name", "appid", "azp", "sub"];
}

/// <summary>App Service Authentication: the platform validates the caller and passes its claims in <c>X-MS-CLIENT-PRINCIPAL</c>.</summary>
public sealed class EasyAuthCallerOptions
{
    /// <summary>
    /// Trust the <c>X-MS-CLIENT-PRINCIPAL</c> header. Enable only where App Service Authentication runs in front of the
    /// app (it strips that header from client requests); anywhere else a client could forge it.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Claim holding the tenant; default "tenant".</summary>
    public string TenantClaim { get; set; } = CallerPrincipal.TenantClaimType;

    /// <summary>Tenant of every principal when the claims carry none (a single-tenant deployment).</summary>
    public string? Tenant { get; set; }
}
