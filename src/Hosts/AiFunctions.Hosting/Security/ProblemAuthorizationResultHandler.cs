using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace AiFunctions.Hosting.Security;

/// <summary>Standalone host: 401 through the caller scheme's challenge, 403 as problem-details naming the roles needed.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync(CallerAuthentication.Scheme).ConfigureAwait(false);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var policyName = ApiPolicies.Roles.FirstOrDefault(p => policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
                .Any(r => r.AllowedRoles.SequenceEqual(p.Value))).Key ?? "an API role";
            await CallerAuthentication.Forbidden(context.User, policyName).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
