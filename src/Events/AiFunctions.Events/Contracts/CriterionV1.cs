using AiFunctions.HrFunctions.Screening;

namespace AiFunctions.Events.Contracts;

/// <summary>A screening criterion of a requisition: <c>kind</c> is <c>MustHave</c> (pass/fail gate) or <c>NiceToHave</c>.</summary>
internal sealed record CriterionV1(string? Id, string? Text, CriterionKind Kind = CriterionKind.MustHave, double Weight = 1.0);
