using Microsoft.AspNetCore.Authorization;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// The authorization policies every route declares (<see cref="Api.ApiRoute.Policy"/>). A policy names the roles that
/// may call; the policies named after a role require that role, <see cref="Reader"/> any role that reads a tenant's
/// screenings and drafts. Both hosts evaluate the same policies with <see cref="IAuthorizationService"/>.
/// </summary>
public static class ApiPolicies
{
    public const string Submitter = ApiRoles.Submitter;
    public const string Reviewer = ApiRoles.Reviewer;
    public const string Operator = ApiRoles.Operator;
    public const string Auditor = ApiRoles.Auditor;
    public const string ServiceAuditor = ApiRoles.ServiceAuditor;

    /// <summary>Submitter, Reviewer or Auditor: reads a tenant's screening status, results and job descriptions.</summary>
    public const string Reader = "Reader";

    /// <summary>Operator or Auditor: follows inbound events, reads the published outbound events and lists dead letters (service-wide, not a tenant's data; replaying stays Operator).</summary>
    public const string EventReader = "EventReader";

    /// <summary>Any of the four roles: asks who it is (<c>GET /api/me</c>).</summary>
    public const string Caller = "Caller";

    /// <summary>
    /// Operator or Auditor: reads the management API's deployment-wide views (routes and their change history) and the
    /// caller's tenant's usage and overview; changing routes stays Operator.
    /// </summary>
    public const string ManagementReader = "ManagementReader";

    /// <summary>ServiceOperator: changes deployment-wide settings (routes, rollbacks) and replays dead letters; a tenant's Operator only reads them.</summary>
    public const string ServiceOperator = ApiRoles.ServiceOperator;

    /// <summary>Auditor or ServiceAuditor: the bias audit over a period (the caller's tenant; <c>scope=service</c>, every tenant, is ServiceAuditor only).</summary>
    public const string PeriodAuditor = "PeriodAuditor";

    /// <summary>The roles each policy accepts (any one of them suffices).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Submitter] = [ApiRoles.Submitter],
        [Reviewer] = [ApiRoles.Reviewer],
        [Operator] = [ApiRoles.Operator],
        [Auditor] = [ApiRoles.Auditor],
        [Reader] = [ApiRoles.Submitter, ApiRoles.Reviewer, ApiRoles.Auditor],
        [EventReader] = [ApiRoles.Operator, ApiRoles.Auditor],
        [Caller] = [.. ApiRoles.All],
        [ManagementReader] = [ApiRoles.Operator, ApiRoles.Auditor],
        [ServiceOperator] = [ApiRoles.ServiceOperator],
        [ServiceAuditor] = [ApiRoles.ServiceAuditor],
        [PeriodAuditor] = [ApiRoles.Auditor, ApiRoles.ServiceAuditor],
    };

    /// <summary>Adds every policy: an authenticated caller of <see cref="CallerAuthentication.Scheme"/> holding one of the roles.</summary>
    public static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (name, roles) in Roles)
        {
            builder.AddPolicy(name, policy => policy
                .AddAuthenticationSchemes(CallerAuthentication.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(roles));
        }

        return builder;
    }
}
