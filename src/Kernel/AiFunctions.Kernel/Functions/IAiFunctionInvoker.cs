namespace AiFunctions.Kernel.Functions;

/// <summary>
/// Runs AI functions over their routes: redaction, rate limits and budgets, failover across targets with
/// per-target resilience, structured-output validation and repair, usage and cost accounting. Accounts the call
/// to <see cref="Context.AiCallContext.Current"/>.
/// </summary>
public interface IAiFunctionInvoker
{
    Task<AiFunctionResult<TOutput>> InvokeAsync<TInput, TOutput>(
        AiFunction<TInput, TOutput> aiFunction,
        TInput input,
        CancellationToken cancellationToken = default);
}
