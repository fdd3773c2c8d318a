namespace AiFunctions.Events.Contracts;

/// <summary>CloudEvents <c>type</c> values of the events other HR systems send us.</summary>
internal static class HrEventTypes
{
    public const string CandidateApplied = "hr.candidate.applied";
    public const string RequisitionOpened = "hr.requisition.opened";
    public const string RequisitionClosed = "hr.requisition.closed";
    public const string ScreeningRequested = "hr.screening.requested";
    public const string EmployeeHired = "hr.employee.hired";
}
