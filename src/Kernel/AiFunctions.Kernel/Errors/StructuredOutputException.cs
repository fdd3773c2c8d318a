namespace AiFunctions.Kernel.Errors;

/// <summary>
/// The model's answer did not match the requested JSON schema, even after the bounded repair attempt(s).
/// <see cref="Violations"/> says what was wrong (paths and rules, never the answer's content).
/// </summary>
public sealed class StructuredOutputException(string function, IReadOnlyList<string> violations, int attempts)
    : AiKernelException($"AI function '{function}': the model's output did not match the schema after {attempts} attempt(s): " + string.Join("; ", violations))
{
    public override AiFailureReason Reason => AiFailureReason.StructuredOutputInvalid;
    public override bool IsTransient => false;
    public string Function { get; } = function;
    public IReadOnlyList<string> Violations { get; } = violations;
    public int Attempts { get; } = attempts;
}
