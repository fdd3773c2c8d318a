namespace AiFunctions.Kernel.Errors;

/// <summary>
/// An AI function whose prompt carries personal data (<see cref="Functions.AiFunction{TInput,TOutput}.SendsPersonalData"/>)
/// was called on a route that does not redact. Nothing was sent. Permanent (<see cref="AiFailureReason.BadRequest"/>):
/// the deployment must set <c>AiFunctions:Routes:{route}:Redact</c> to true.
/// </summary>
public sealed class RedactionRequiredException(string function, string route)
    : AiKernelException($"AI function '{function}' sends personal data, but route '{route}' does not redact: set AiFunctions:Routes:{route}:Redact to true (the default). Nothing was sent.")
{
    public string Function { get; } = function;

    public string Route { get; } = route;

    public override AiFailureReason Reason => AiFailureReason.BadRequest;

    public override bool IsTransient => false;
}
