namespace AiFunctions.Hosting.Api;

/// <summary>
/// The JSON body of both review operations as received: the decision is nullable so that a body without one is
/// refused instead of defaulting to the enum's first value (which is "Approve"). <c>Reviewer</c> is read only to refuse
/// it: the reviewer is the signed-in caller.
/// </summary>
internal sealed record ReviewBody<TDecision>(TDecision? Decision, string? Reviewer, string? Comment = null, IReadOnlyList<string>? Comments = null)
    where TDecision : struct, Enum;
