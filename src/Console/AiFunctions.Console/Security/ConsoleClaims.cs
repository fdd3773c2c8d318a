using System.Security.Claims;

namespace AiFunctions.Console.Security;

/// <summary>
/// The claims of a console sign-in: the API's own principal model (docs/security.md) — name (<see cref="ClaimTypes.Name"/>),
/// tenant (<see cref="Tenant"/>), roles (<see cref="ClaimTypes.Role"/>: Submitter, Reviewer, Operator, Auditor, ServiceOperator) — plus the
/// id of the server-side session that holds the API key (<see cref="Session"/>; API-key sign-in only).
/// </summary>
public static class ConsoleClaims
{
    public const string Tenant = "tenant";

    public const string Session = "console_session";

    public const string Submitter = "Submitter";
    public const string Reviewer = "Reviewer";
    public const string Operator = "Operator";
    public const string Auditor = "Auditor";

    /// <summary>Changes what every tenant shares: routes (change, roll back) and dead-letter replay (the API's ServiceOperator policy).</summary>
    public const string ServiceOperator = "ServiceOperator";

    /// <summary>Roles that read a tenant's screenings and job descriptions (the API's Reader policy).</summary>
    public const string Readers = "Submitter,Reviewer,Auditor";

    /// <summary>Roles that read events and dead letters (the API's EventReader policy).</summary>
    public const string EventReaders = "Operator,Auditor";

    /// <summary>Roles that read routes, their history and usage (the API's ManagementReader policy).</summary>
    public const string ManagementReaders = "Operator,Auditor";

    /// <summary>Any role the API knows.</summary>
    public const string AnyRole = "Submitter,Reviewer,Operator,Auditor,ServiceOperator";

    /// <summary>The roles the API knows.</summary>
    public static IReadOnlyList<string> Roles { get; } = [Submitter, Reviewer, Operator, Auditor, ServiceOperator];

    public static string? TenantOf(ClaimsPrincipal user) => user.FindFirst(Tenant)?.Value;
}
