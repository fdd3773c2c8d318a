using AiFunctions.Workflows.Drafting;

namespace AiFunctions.Workflows.Events;

/// <summary>Data of the ai.jobdescription.* events.</summary>
/// <param name="Version">The draft version concerned (the approved one for approved).</param>
/// <param name="FindingCount">Open findings of the automatic checks on that version.</param>
public sealed record JobDescriptionEventData(
    string JobDescriptionId,
    string InstanceId,
    string Title,
    JobDescriptionStatus Status,
    int Version,
    int FindingCount,
    string? ApprovedBy,
    DateTimeOffset? ReviewDeadline);
