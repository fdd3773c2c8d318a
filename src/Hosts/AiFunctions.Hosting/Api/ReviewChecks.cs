using AiFunctions.Hosting.Security;

namespace AiFunctions.Hosting.Api;

/// <summary>The checks every review request shares: a known decision, and no reviewer in the body.</summary>
internal static class ReviewChecks
{
    /// <summary>Problems with the body; empty when it is usable. The reviewer is always <paramref name="caller"/>.</summary>
    public static List<string> Check<TDecision>(ReviewBody<TDecision> body, CallerPrincipal caller)
        where TDecision : struct, Enum
    {
        var errors = new List<string>();
        if (body.Decision is not { } decision || !Enum.IsDefined(decision))
        {
            errors.Add($"decision is missing or unknown: use {string.Join(" or ", Enum.GetNames<TDecision>())}.");
        }

        if (body.Reviewer is not null)
        {
            errors.Add($"reviewer is not accepted in the body: the reviewer is the signed-in caller ('{caller.Name}'). Send only decision and comment(s).");
        }

        return errors;
    }
}
