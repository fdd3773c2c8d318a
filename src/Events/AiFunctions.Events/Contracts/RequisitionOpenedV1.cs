using AiFunctions.HrFunctions.Screening;
using AiFunctions.Workflows;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Events.Contracts;

/// <summary><c>hr.requisition.opened</c> v1: a requisition is open for applications; the criteria screenings use.</summary>
public sealed record RequisitionOpenedV1 : IEventData
{
    /// <summary>Longest job description (characters). Stored by claim check when the requisition's JSON outgrows a table property.</summary>
    public const int MaxJobDescriptionChars = 50_000;

    /// <summary>Longest title (characters).</summary>
    public const int MaxTitleChars = 300;

    /// <summary>Longest criterion text (characters).</summary>
    public const int MaxCriterionChars = 2_000;

    public string? RequisitionId { get; init; }
    public string? Title { get; init; }
    public string? JobDescription { get; init; }
    public IReadOnlyList<CriterionV1>? Criteria { get; init; }
    public DateTimeOffset OpenedAt { get; init; }

    public IEnumerable<string> Validate()
    {
        var problems = FieldRules.Id("requisitionId", RequisitionId)
            .Concat(FieldRules.Text("title", Title, MaxTitleChars))
            .Concat(FieldRules.Text("jobDescription", JobDescription, MaxJobDescriptionChars))
            .Concat(FieldRules.Timestamp("openedAt", OpenedAt))
            .ToList();
        var criteria = Criteria ?? [];
        if (criteria.Count == 0 || criteria.Count > WorkflowLimits.MaxCriteria)
        {
            problems.Add($"'criteria' must hold 1-{WorkflowLimits.MaxCriteria} criteria; it holds {criteria.Count}.");
        }

        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            if (string.IsNullOrWhiteSpace(c?.Id) || string.IsNullOrWhiteSpace(c.Text))
            {
                problems.Add($"'criteria[{i}]' needs an id and a text.");
            }
            else if (c.Text.Length > MaxCriterionChars)
            {
                problems.Add($"'criteria[{i}].text' is {c.Text.Length} characters; the limit is {MaxCriterionChars}.");
            }
            else if (c.Weight is <= 0 or > 100 || double.IsNaN(c.Weight))
            {
                problems.Add($"'criteria[{i}].weight' is {c.Weight}; use a weight above 0 and at most 100.");
            }
            else if (!Enum.IsDefined(c.Kind))
            {
                problems.Add($"'criteria[{i}].kind' must be MustHave or NiceToHave.");
            }
        }

        if (criteria.Where(c => c?.Id is not null).GroupBy(c => c.Id).Any(g => g.Count() > 1))
        {
            problems.Add("'criteria' ids must be unique.");
        }

        return problems;
    }

    /// <summary>The workflow's view of this requisition (call after <see cref="Validate"/> found nothing).</summary>
    public RequisitionSpec ToSpec() => new(
        RequisitionId!,
        Title!,
        JobDescription!,
        (Criteria ?? []).Select(c => new Criterion(c.Id!, c.Text!, c.Kind, c.Weight)).ToList());
}
