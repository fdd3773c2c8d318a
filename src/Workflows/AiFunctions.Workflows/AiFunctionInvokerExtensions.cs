using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Functions;

namespace AiFunctions.Workflows;

/// <summary>Runs an AI function with the workflow's tenant, workflow name and correlation id as the ambient call context.</summary>
internal static class AiFunctionInvokerExtensions
{
    public static async Task<AiFunctionResult<TOutput>> InvokeForAsync<TInput, TOutput>(
        this IAiFunctionInvoker invoker,
        AiCallContext callContext,
        AiFunction<TInput, TOutput> aiFunction,
        TInput input)
    {
        using (AiCallContext.Begin(callContext))
        {
            return await invoker.InvokeAsync(aiFunction, input).ConfigureAwait(false);
        }
    }
}
