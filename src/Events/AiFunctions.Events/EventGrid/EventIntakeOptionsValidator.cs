using System.Globalization;
using Microsoft.Extensions.Options;

namespace AiFunctions.Events.EventGrid;

/// <summary>Validates <see cref="EventIntakeOptions"/> at start-up; each message names the setting and the fix.</summary>
public sealed class EventIntakeOptionsValidator : IValidateOptions<EventIntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, EventIntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.AllowedRate != "*" && !(int.TryParse(options.AllowedRate, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) && rate > 0))
        {
            problems.Add($"{EventIntakeOptions.SectionName}:AllowedRate is '{options.AllowedRate}': use a positive integer (requests per minute) or \"*\" for no limit (CloudEvents webhook spec, WebHook-Allowed-Rate).");
        }

        if (options.MaxBodyBytes <= 0)
        {
            problems.Add($"{EventIntakeOptions.SectionName}:MaxBodyBytes is {options.MaxBodyBytes}: use a positive number of bytes (Event Grid delivers at most 1 MiB).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
