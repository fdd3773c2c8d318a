using AiFunctions.Hosting.Security;

namespace AiFunctions.Hosting.Api.Management;

/// <summary>
/// The route table of the management API (prefix <c>api/manage</c>), the operator console's server side. Both hosts serve
/// exactly these: the standalone host maps them with OpenAPI metadata, the Functions app declares one HTTP trigger each
/// (parity tests check both against this table). docs/host.md, "Management API", has the shapes.
/// </summary>
public static class ManagementRoutes
{
    /// <summary>Every route with its version, source and the change that made it.</summary>
    public static ApiRoute ListRoutes { get; } = new("ListManagedRoutes", "GET", "api/manage/routes", ApiPolicies.ManagementReader);

    /// <summary>One route (ETag = its version).</summary>
    public static ApiRoute GetRoute { get; } = new("GetManagedRoute", "GET", "api/manage/routes/{route}", ApiPolicies.ManagementReader);

    /// <summary>The route's versions, newest first, down to version 0 (the configuration).</summary>
    public static ApiRoute ListRouteVersions { get; } = new("ListRouteVersions", "GET", "api/manage/routes/{route}/versions", ApiPolicies.ManagementReader);

    /// <summary>Replace the route's settings (a new version), applied without a restart.</summary>
    public static ApiRoute ChangeRoute { get; } = new("ChangeRoute", "PUT", "api/manage/routes/{route}", ApiPolicies.ServiceOperator);

    /// <summary>Restore an earlier version's settings (as a new version).</summary>
    public static ApiRoute RollbackRoute { get; } = new("RollbackRoute", "POST", "api/manage/routes/{route}/rollback", ApiPolicies.ServiceOperator);

    /// <summary>The caller's tenant's usage and cost by tenant, route, workflow or model and period, with budgets; JSON or CSV.</summary>
    public static ApiRoute GetUsage { get; } = new("GetUsage", "GET", "api/manage/usage", ApiPolicies.ManagementReader);

    /// <summary>Health, circuits, calls per minute, spend today, batches running and items waiting for review.</summary>
    public static ApiRoute GetOverview { get; } = new("GetOverview", "GET", "api/manage/overview", ApiPolicies.ManagementReader);

    /// <summary>Decision trails of the tenant's batches (reviewers' names and comments: Auditor only).</summary>
    public static ApiRoute ListDecisionAudit { get; } = new("ListDecisionAudit", "GET", "api/manage/audit/decisions", ApiPolicies.Auditor);

    /// <summary>Route changes across routes, newest first.</summary>
    public static ApiRoute ListRouteChangeAudit { get; } = new("ListRouteChangeAudit", "GET", "api/manage/audit/route-changes", ApiPolicies.ManagementReader);

    /// <summary>Every management operation, in documentation order.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } =
        [GetOverview, ListRoutes, GetRoute, ListRouteVersions, ChangeRoute, RollbackRoute, GetUsage, ListDecisionAudit, ListRouteChangeAudit];
}
