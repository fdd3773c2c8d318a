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
    public static ApiRoute ChangeRoute { get; } = new("ChangeRoute", "PUT", "api/manage/routes/{route}", ApiPolicies.Operator);

    /// <summary>Restore an earlier version's settings (as a new version).</summary>
    public static ApiRoute RollbackRoute { get; } = new("RollbackRoute", "POST", "api/manage/routes/{route}/rollback", ApiPolicies.Operator);

    /// <summary>The caller's tenant's usage and cost by tenant, route, workflow or model and period, with budgets; JSON or CSV.</summary>
    public static ApiRoute GetUsage { get; } = new("GetUsage", "GET", "api/manage/usage", ApiPolicies.ManagementReader);

    /// <summary>Every management operation, in documentation order.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } = [ListRoutes, GetRoute, ListRouteVersions, ChangeRoute, RollbackRoute, GetUsage];
}
