namespace AiFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>Exit code and output of one Bicep CLI run. Diagnostics (warnings, errors) go to standard error.</summary>
internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> Diagnostics =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{StandardError}";
}
