namespace AiFunctions.Events.Contracts;

/// <summary><c>hr.employee.hired</c> v1: a candidate was hired; recorded against the requisition's screening trail.</summary>
internal sealed record EmployeeHiredV1 : IEventData
{
    public string? EmployeeId { get; init; }
    public string? CandidateId { get; init; }
    public string? RequisitionId { get; init; }
    public DateOnly StartDate { get; init; }
    public DateTimeOffset HiredAt { get; init; }

    public IEnumerable<string> Validate()
    {
        var problems = FieldRules.Id("employeeId", EmployeeId)
            .Concat(FieldRules.Id("candidateId", CandidateId))
            .Concat(FieldRules.Id("requisitionId", RequisitionId))
            .Concat(FieldRules.Timestamp("hiredAt", HiredAt))
            .ToList();
        if (StartDate == default)
        {
            problems.Add("'startDate' is required (yyyy-MM-dd).");
        }

        return problems;
    }
}
