using System.Security.Claims;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// Who is calling: the one helper that reads name, tenant and roles from a principal, whichever scheme authenticated it
/// (API key, JWT bearer, App Service Authentication). The tenant is claim <see cref="TenantClaimType"/>, the name
/// <see cref="ClaimTypes.Name"/>, the roles <see cref="ClaimTypes.Role"/> (<see cref="ApiRoles"/>). Every scheme builds its
/// principal with <see cref="Create"/>, so these three claims are always there and already checked.
/// </summary>
/// <param name="Name">Display/audit name: recorded as the actor of decisions (1-256 characters, no control characters).</param>
/// <param name="Tenant">The caller's tenant (<see cref="Workflows.ResourceIds.Rule"/>): every resource it reads or writes is the tenant's.</param>
/// <param name="Roles">Roles held (<see cref="ApiRoles"/>).</param>
public sealed record CallerPrincipal(string Name, string Tenant, IReadOnlyList<string> Roles)
{
    /// <summary>Claim type of the tenant.</summary>
    public const string TenantClaimType = "tenant";

    /// <summary>Longest principal name recorded.</summary>
    public const int MaxNameLength = 256;

    /// <summary>True when the caller holds <paramref name="role"/>.</summary>
    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>The caller of an authenticated principal, or null when it lacks a usable name or tenant.</summary>
    public static CallerPrincipal? From(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var name = user.FindFirst(ClaimTypes.Name)?.Value;
        var tenant = user.FindFirst(TenantClaimType)?.Value;
        if (CheckName(name) is not null || !Workflows.ResourceIds.IsValid(tenant))
        {
            return null;
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(ApiRoles.All.Contains).Distinct(StringComparer.Ordinal).ToArray();
        return new CallerPrincipal(name!, tenant, roles);
    }

    /// <summary>
    /// A principal of <paramref name="authenticationType"/> with the three claims. Throws <see cref="ArgumentException"/>
    /// with a message fit for a 401 detail when the name or tenant is unusable. Unknown role names are dropped.
    /// </summary>
    public static ClaimsPrincipal Create(string? name, string? tenant, IEnumerable<string> roles, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (CheckName(name) is { } nameProblem)
        {
            throw new ArgumentException(nameProblem, nameof(name));
        }

        if (!Workflows.ResourceIds.IsValid(tenant))
        {
            throw new ArgumentException($"The caller's tenant is missing or not a usable tenant id ({Workflows.ResourceIds.Rule}).", nameof(tenant));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, name!), new(TenantClaimType, tenant) };
        claims.AddRange(roles.Where(ApiRoles.All.Contains).Distinct(StringComparer.Ordinal).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    private static string? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "The caller has no name claim."
        : name.Length > MaxNameLength ? $"The caller's name is longer than {MaxNameLength} characters."
        : name.Any(char.IsControl) ? "The caller's name holds control characters."
        : null;
}
