using AiFunctions.HrFunctions.Screening;

namespace AiFunctions.Workflows.Screening;

/// <summary>The requisition a batch is screened against.</summary>
/// <param name="RequisitionId">The ATS requisition id.</param>
/// <param name="Title">Job title.</param>
/// <param name="JobDescription">The job description text.</param>
/// <param name="Criteria">Must-have (pass/fail gate) and nice-to-have criteria, with optional weights.</param>
public sealed record RequisitionSpec(
    string RequisitionId,
    string Title,
    string JobDescription,
    IReadOnlyList<Criterion> Criteria);
