using AiFunctions.Workflows;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// Start-up check of <see cref="ApiOptions"/> (<c>AiFunctions:Api</c>, registered with <c>ValidateOnStart</c>): the API's
/// limits may be tighter than the workflows' own, never looser (the workflow would refuse what the API accepted).
/// </summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var s = ApiOptions.Section;
        var problems = new List<string>();
        if (options.MaxCandidatesPerBatch is < 1 or > WorkflowLimits.MaxCandidatesPerBatch)
        {
            problems.Add($"'{s}:MaxCandidatesPerBatch' is {options.MaxCandidatesPerBatch}. Use 1 to {WorkflowLimits.MaxCandidatesPerBatch} (the workflows' limit per batch).");
        }

        if (options.MaxResumeCharacters is < 1 or > WorkflowLimits.MaxInlineResumeChars)
        {
            problems.Add($"'{s}:MaxResumeCharacters' is {options.MaxResumeCharacters}. Use 1 to {WorkflowLimits.MaxInlineResumeChars} (the workflows' inline resume limit).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
