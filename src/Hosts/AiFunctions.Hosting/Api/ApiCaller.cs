using AiFunctions.Hosting.Security;
using AiFunctions.Workflows;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// What every handler does first: the signed-in caller (both hosts authenticate before the handler runs; a request
/// without one is 401 here too, in case a host forgot), and the tenant-scoped key of a caller-facing id. Another
/// tenant's id builds a different key, so it reads as 404 everywhere.
/// </summary>
internal static class ApiCaller
{
    public static bool TryGet(HttpRequest request, out CallerPrincipal caller, out IResult? problem)
    {
        caller = CallerPrincipal.From(request.HttpContext.User)!;
        problem = caller is null ? ApiProblems.Unauthorized("The request carries no authenticated caller with a name and a tenant") : null;
        return caller is not null;
    }

    /// <summary>The scoped key of <paramref name="id"/> for <paramref name="caller"/>, or null when the id breaks <see cref="ResourceIds.Rule"/>.</summary>
    public static string? Key(CallerPrincipal caller, string? id) => ResourceIds.IsValid(id) ? ResourceIds.Scope(caller.Tenant, id) : null;

    /// <summary>403 when a body names a tenant other than the caller's; null when it names none or the same.</summary>
    public static IResult? CheckTenant(CallerPrincipal caller, string? bodyTenant) =>
        bodyTenant is null || string.Equals(bodyTenant, caller.Tenant, StringComparison.Ordinal)
            ? null
            : ApiProblems.Forbidden("tenant-mismatch",
                $"tenant in the body is not the caller's tenant ('{caller.Tenant}'): a caller works in its own tenant only. Omit tenant, or send '{caller.Tenant}'.");

    /// <summary>409 naming who decided first and when.</summary>
    public static IResult AlreadyClaimed(string kind, string what, FirstClaim winner, string? statusNow = null) =>
        ApiProblems.Problem(StatusCodes.Status409Conflict, kind, "Someone else was first",
            $"{what} by '{winner.By}' at {winner.At:O}{(string.IsNullOrEmpty(winner.What) ? string.Empty : $" ({winner.What})")}; only the first decision counts."
                + (statusNow is null ? string.Empty : $" Its status is now {statusNow}."),
            new Dictionary<string, object?> { ["decidedBy"] = winner.By, ["decidedAt"] = winner.At, ["decision"] = winner.What, ["currentStatus"] = statusNow });
}
