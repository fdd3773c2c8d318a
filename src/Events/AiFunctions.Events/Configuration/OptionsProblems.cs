using Microsoft.Extensions.Options;

namespace AiFunctions.Events.Configuration;

/// <summary>Collects option problems, each naming the setting's configuration path, the value found and the fix.</summary>
internal sealed class OptionsProblems
{
    private readonly List<string> _problems = [];

    public void Add(string problem) => _problems.Add(problem);

    public void Range(string path, int value, int min, int max, string what)
    {
        if (value < min || value > max)
        {
            Add($"'{path}' is {value}. Use {min} to {max} ({what}).");
        }
    }

    public void NotNegative(string path, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            Add($"'{path}' is {value}. Use zero or a positive time span (hh:mm:ss.fff).");
        }
    }

    public void NotEmpty(string path, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add($"'{path}' is empty. Set {what}.");
        }
    }

    public ValidateOptionsResult Result() => _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);

    /// <summary>
    /// Runs <paramref name="validator"/> now, for options the registration itself must read (which entities to process,
    /// which sink to create): the same check and exception as <c>ValidateOnStart</c>, before anything uses a bad value.
    /// </summary>
    public static T ValidatedNow<T>(T options, IValidateOptions<T> validator)
        where T : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures) : options;
    }
}
