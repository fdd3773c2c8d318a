using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Storage;

/// <summary>
/// Start-up check of <see cref="WorkflowStorageOptions"/> (<c>AiFunctions:Storage</c>, registered with
/// <c>ValidateOnStart</c>): each failure names the setting, the value found and the fix.
/// </summary>
internal sealed class WorkflowStorageOptionsValidator : IValidateOptions<WorkflowStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowStorageOptions options)
    {
        var s = WorkflowStorageOptions.SectionName;
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Store))
        {
            problems.Add($"'{s}:Store' is '{options.Store}'. Use AzureStorage or InMemory.");
        }

        if (options.Store == WorkflowStoreKind.AzureStorage && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add($"'{s}:ConnectionString' is empty. Set an Azure Storage connection string (UseDevelopmentStorage=true for Azurite).");
        }

        // Table names are 3-63 letters and digits starting with a letter; container names lower-case letters, digits and
        // dashes: the prefix is used for both, so letters and digits only, starting with a letter, and short enough
        // for the longest name it prefixes (ScreeningCandidates, 19 characters).
        var prefix = options.NamePrefix ?? string.Empty;
        if (prefix.Length > 0 && (!char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit) || prefix.Length > 40))
        {
            problems.Add($"'{s}:NamePrefix' is '{prefix}'. Use up to 40 ASCII letters and digits, starting with a letter (it prefixes table and container names), or leave it empty.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
