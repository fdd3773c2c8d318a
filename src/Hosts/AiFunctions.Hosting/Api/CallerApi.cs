using AiFunctions.Hosting.Security;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// <c>GET /api/me</c>: who the signed-in caller is (name, tenant, roles), as the service sees it. The operator console asks
/// this after a sign-in to decide what to show; any signed-in caller holding a role may ask (policy
/// <see cref="ApiPolicies.Caller"/>). Host-agnostic; it reads only the principal (<see cref="CallerPrincipal"/>).
/// </summary>
public static class CallerApi
{
    public static IResult WhoAmI(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ApiCaller.TryGet(request, out var caller, out var unauthorized)
            ? Results.Json(new CallerInfo(caller.Name, caller.Tenant, caller.Roles), ApiJson.Options)
            : unauthorized!;
    }
}

/// <summary>Answer of <c>GET /api/me</c>.</summary>
/// <param name="Name">The name decisions are attributed to (<c>ClaimTypes.Name</c>).</param>
/// <param name="Tenant">The caller's tenant: every resource it reads or writes is this tenant's.</param>
/// <param name="Roles">The roles held: Submitter, Reviewer, Operator, Auditor (docs/security.md).</param>
public sealed record CallerInfo(string Name, string Tenant, IReadOnlyList<string> Roles);
