using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// Start-up checks of <see cref="AuthOptions"/>: every message names the setting and the fix. A key setting holding
/// something other than a SHA-256 hash (e.g. the clear-text key) fails, and so does the retired clear-text setting
/// <c>AiFunctions:Api:ApiKeys</c>.
/// </summary>
internal sealed class AuthOptionsValidation(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (configuration.GetSection("AiFunctions:Api:ApiKeys").GetChildren().Any())
        {
            failures.Add("AiFunctions:Api:ApiKeys holds clear-text API keys, which are no longer accepted: configure each key as " +
                $"{AuthOptions.Section}:ApiKeys:{{name}}:KeyHash = \"{ApiKeyHash.Prefix}<hex SHA-256 of the key>\" with its Tenant and Roles, and remove AiFunctions:Api:ApiKeys.");
        }

        foreach (var (keyName, key) in options.ApiKeys)
        {
            var setting = $"{AuthOptions.Section}:ApiKeys:{keyName}";
            if (ApiKeyHash.Parse(key.KeyHash) is null)
            {
                failures.Add(string.IsNullOrWhiteSpace(key.KeyHash)
                    ? $"{setting}:KeyHash is missing: set it to \"{ApiKeyHash.Prefix}\" + the 64 hex digits of SHA-256 over a random key of at least {ApiKeyHash.MinKeyLength} characters."
                    : $"{setting}:KeyHash is not a SHA-256 hash (it looks like a clear-text key or a mistyped hash): store \"{ApiKeyHash.Prefix}\" + the 64 hex digits of SHA-256 over the key, never the key itself.");
            }
            else if (key.KeyHash == ApiKeyHash.Compute(string.Empty))
            {
                failures.Add($"{setting}:KeyHash is the hash of an empty key: generate a random key of at least {ApiKeyHash.MinKeyLength} characters.");
            }

            if (!Workflows.ResourceIds.IsValid(key.Tenant))
            {
                failures.Add($"{setting}:Tenant is missing or invalid: use {Workflows.ResourceIds.Rule}.");
            }

            if (key.Roles.Count == 0 || key.Roles.Any(r => !ApiRoles.All.Contains(r)))
            {
                failures.Add($"{setting}:Roles must list one or more of {string.Join(", ", ApiRoles.All)}; it holds [{string.Join(", ", key.Roles)}].");
            }

            var principalName = key.Name ?? keyName;
            if (string.IsNullOrWhiteSpace(principalName) || principalName.Length > CallerPrincipal.MaxNameLength || principalName.Any(char.IsControl))
            {
                failures.Add($"{setting}:Name must be 1-{CallerPrincipal.MaxNameLength} characters without control characters.");
            }
        }

        var duplicates = options.ApiKeys.Where(k => k.Value.KeyHash is not null).GroupBy(k => k.Value.KeyHash, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1);
        foreach (var group in duplicates)
        {
            failures.Add($"{AuthOptions.Section}:ApiKeys entries {string.Join(" and ", group.Select(g => g.Key))} share one key hash: give each principal its own key.");
        }

        var jwt = options.Jwt;
        if (jwt.Enabled)
        {
            if (!Uri.TryCreate(jwt.Authority, UriKind.Absolute, out var authority) || (jwt.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{AuthOptions.Section}:Jwt:Authority '{jwt.Authority}' is not an absolute HTTPS URL: use the issuer's base URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0.");
            }

            if (jwt.Audiences.Count == 0 || jwt.Audiences.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{AuthOptions.Section}:Jwt:Audiences is empty: list the API's audience (application id URI or client id) as {AuthOptions.Section}:Jwt:Audiences:0.");
            }

            if (jwt.Tenant is not null && !Workflows.ResourceIds.IsValid(jwt.Tenant))
            {
                failures.Add($"{AuthOptions.Section}:Jwt:Tenant is invalid: use {Workflows.ResourceIds.Rule}.");
            }

            if (string.IsNullOrWhiteSpace(jwt.TenantClaim) || string.IsNullOrWhiteSpace(jwt.RoleClaim))
            {
                failures.Add($"{AuthOptions.Section}:Jwt:TenantClaim and RoleClaim must name claims.");
            }
        }
        else if (jwt.Audiences.Count > 0 || jwt.Issuers.Count > 0)
        {
            failures.Add($"{AuthOptions.Section}:Jwt has audiences or issuers but no Authority: set {AuthOptions.Section}:Jwt:Authority to the issuer's base URL.");
        }

        if (options.EasyAuth is { Enabled: true, Tenant: { } easyTenant } && !Workflows.ResourceIds.IsValid(easyTenant))
        {
            failures.Add($"{AuthOptions.Section}:EasyAuth:Tenant is invalid: use {Workflows.ResourceIds.Rule}.");
        }

        if (options.ApiKeys.Count == 0 && !jwt.Enabled && !options.EasyAuth.Enabled)
        {
            failures.Add($"No caller can authenticate: configure an API key ({AuthOptions.Section}:ApiKeys:{{name}}:KeyHash, :Tenant, :Roles:0) or a token issuer ({AuthOptions.Section}:Jwt:Authority and :Audiences:0).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
