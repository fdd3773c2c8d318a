using AiFunctions.Workflows;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// The documented maximum length of every string field the API accepts (characters). Too long is 400 naming the field
/// and the limit, checked before anything is stored or scheduled. Ids and tenants follow <see cref="ResourceIds.Rule"/>
/// (64). Sources: names and titles fit a table property and a review screen; texts fit the orchestration input;
/// resumes are limited by <see cref="ApiOptions.MaxResumeCharacters"/>.
/// </summary>
public static class FieldLimits
{
    public const int DisplayName = 256;
    public const int RequisitionId = ResourceIds.MaxLength;
    public const int Title = 256;
    public const int JobDescriptionText = 32 * 1024;
    public const int CriterionId = ResourceIds.MaxLength;
    public const int CriterionText = 1_000;
    public const int Comment = 2_000;
    public const int Comments = 20;
    public const int ShortText = 256;
    public const int ListItem = 1_000;
    public const int ListItems = 50;
    public const int CorrelationId = 128;

    /// <summary>The too-long fields of a screening request, each named with its limit.</summary>
    public static List<string> Check(ScreeningBatchRequest body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new List<string>();
        Add(errors, "correlationId", body.CorrelationId, CorrelationId);
        if (body.Requisition is { } requisition)
        {
            Add(errors, "requisition.requisitionId", requisition.RequisitionId, RequisitionId);
            Add(errors, "requisition.title", requisition.Title, Title);
            Add(errors, "requisition.jobDescription", requisition.JobDescription, JobDescriptionText);
            var criteria = requisition.Criteria ?? [];
            for (var i = 0; i < criteria.Count; i++)
            {
                Add(errors, $"requisition.criteria[{i}].id", criteria[i]?.Id, CriterionId);
                Add(errors, $"requisition.criteria[{i}].text", criteria[i]?.Text, CriterionText);
            }
        }

        var candidates = body.Candidates ?? [];
        for (var i = 0; i < candidates.Count && errors.Count < ApiProblems.MaxListedErrors; i++)
        {
            Add(errors, $"candidates[{i}].displayName", candidates[i]?.DisplayName, DisplayName);
        }

        return errors;
    }

    /// <summary>Adds "field is N characters; the limit is L." when <paramref name="value"/> is longer than <paramref name="limit"/>.</summary>
    public static void Add(List<string> errors, string field, string? value, int limit)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is not null && value.Length > limit)
        {
            errors.Add($"{field} is {value.Length} characters; the limit is {limit}. Shorten it.");
        }
    }

    /// <summary>Adds a problem for each too-long item or a too-long list.</summary>
    public static void AddList(List<string> errors, string field, IReadOnlyList<string>? values, int itemLimit, int countLimit)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (values is null)
        {
            return;
        }

        if (values.Count > countLimit)
        {
            errors.Add($"{field} holds {values.Count} items; the limit is {countLimit}.");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            Add(errors, $"{field}[{i}]", values[i], itemLimit);
        }
    }
}
