using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Lifecycle;

/// <summary>Fails start-up (ValidateOnStart) naming the <c>AiFunctions:Retention</c> setting that is wrong and the fix.</summary>
internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var s = RetentionOptions.Section;
        var problems = new List<string>();
        foreach (var (setting, days) in new[]
        {
            (nameof(RetentionOptions.ResumesDays), options.ResumesDays),
            (nameof(RetentionOptions.ResultsDays), options.ResultsDays),
            (nameof(RetentionOptions.OrchestrationHistoryDays), options.OrchestrationHistoryDays),
            (nameof(RetentionOptions.DeadLettersDays), options.DeadLettersDays),
        })
        {
            if (days is < 0 or > RetentionOptions.MaxDays)
            {
                problems.Add($"'{s}:{setting}' is {days}. Use a number of days from 1 to {RetentionOptions.MaxDays}, or 0 to keep that data until it is erased.");
            }
        }

        if (options.ResultsDays is > 0 and < RetentionOptions.MinResultsDays)
        {
            problems.Add($"'{s}:{nameof(RetentionOptions.ResultsDays)}' is {options.ResultsDays}. Results and decision trails are the screening's logs, kept at least six months (EU AI Act art. 26(6)): use {RetentionOptions.MinResultsDays} or more, or 0 to keep them.");
        }

        if (options.Interval < TimeSpan.FromMinutes(1) || options.Interval > TimeSpan.FromDays(7))
        {
            problems.Add($"'{s}:{nameof(RetentionOptions.Interval)}' is {options.Interval}. Use a time span from 00:01:00 to 7.00:00:00 (default 1.00:00:00).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
