namespace AiFunctions.Events.Contracts;

/// <summary><c>hr.requisition.closed</c> v1: no more applications; screenings still waiting for review are told.</summary>
internal sealed record RequisitionClosedV1 : IEventData
{
    public string? RequisitionId { get; init; }

    /// <summary>Why: <c>filled</c>, <c>cancelled</c> or <c>on-hold</c>.</summary>
    public string? Reason { get; init; }

    public DateTimeOffset ClosedAt { get; init; }

    private static readonly string[] Reasons = ["filled", "cancelled", "on-hold"];

    public IEnumerable<string> Validate()
    {
        var problems = FieldRules.Id("requisitionId", RequisitionId).Concat(FieldRules.Timestamp("closedAt", ClosedAt)).ToList();
        if (Reason is null || !Reasons.Contains(Reason, StringComparer.Ordinal))
        {
            problems.Add($"'reason' must be one of {string.Join(", ", Reasons)}.");
        }

        return problems;
    }
}
