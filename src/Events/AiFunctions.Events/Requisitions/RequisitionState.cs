using AiFunctions.Events.Contracts;

namespace AiFunctions.Events.Requisitions;

/// <summary>What we know of a requisition. <see cref="Opened"/> is null when only a close or hire arrived so far.</summary>
internal sealed record RequisitionState(string RequisitionId, RequisitionOpenedV1? Opened, string? ClosedReason, DateTimeOffset? ClosedAt, IReadOnlyList<string> HiredCandidateIds)
{
    public bool IsClosed => ClosedAt is not null;
}
