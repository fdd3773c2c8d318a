namespace AiFunctions.HrFunctions.Screening;

/// <summary>
/// One resume to assess against one requisition. The resume text is already sanitised (hidden text and markup
/// stripped) and name-blinded/redacted by the workflow: nothing here identifies the person.
/// </summary>
public sealed record ScreeningInput(
    string RequisitionId,
    string JobTitle,
    string JobDescription,
    IReadOnlyList<Criterion> Criteria,
    string CandidateRef,
    string ResumeText);
