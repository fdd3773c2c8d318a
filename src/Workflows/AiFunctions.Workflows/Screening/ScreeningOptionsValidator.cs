using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Start-up check of <see cref="ScreeningOptions"/> (<c>AiFunctions:Screening</c>, registered with <c>ValidateOnStart</c>):
/// each failure names the setting, the value found and the fix.
/// </summary>
internal sealed class ScreeningOptionsValidator : IValidateOptions<ScreeningOptions>
{
    public ValidateOptionsResult Validate(string? name, ScreeningOptions options)
    {
        var s = ScreeningOptions.SectionName;
        var problems = new List<string>();
        if (!Enum.IsDefined(options.OnScorerChange))
        {
            problems.Add($"'{s}:OnScorerChange' is '{options.OnScorerChange}'. Use Rescore (the default) or WaitForOriginal.");
        }

        if (!Enum.IsDefined(options.BaselineCheck))
        {
            problems.Add($"'{s}:BaselineCheck' is '{options.BaselineCheck}'. Use AllGenerative (the default) or FlaggedOnly.");
        }

        if (options.MaxScoreGap is < 0 or > 100)
        {
            problems.Add($"'{s}:MaxScoreGap' is {options.MaxScoreGap}. Use 0-100 points (default 25; 100 turns the check off).");
        }

        if (string.IsNullOrWhiteSpace(options.BaselineRoute))
        {
            problems.Add($"'{s}:BaselineRoute' is empty. Name a route configured under AiFunctions:Routes that leads to the local plugin (default screening-baseline).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
