namespace AiFunctions.Hosting.Api;

/// <summary>The checks every review request shares (a known decision and a named reviewer).</summary>
internal static class ReviewChecks
{
    /// <summary>Problems with the decision and reviewer; empty when both are usable.</summary>
    public static List<string> Check<TDecision>(TDecision? decision, string? reviewer)
        where TDecision : struct, Enum
    {
        var errors = new List<string>();
        if (decision is not { } value || !Enum.IsDefined(value))
        {
            errors.Add($"decision is missing or unknown: use {string.Join(" or ", Enum.GetNames<TDecision>())}.");
        }

        if (string.IsNullOrWhiteSpace(reviewer))
        {
            errors.Add("reviewer is missing: name who decides (recorded in the decision trail).");
        }

        return errors;
    }
}
