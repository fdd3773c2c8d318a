namespace AiFunctions.Kernel.Functions;

/// <summary>
/// A plugin's own implementation of an AI function, used instead of chat when the route's target instance has one.
/// Registered by the plugin as a keyed service under the instance key. The result still goes through the
/// function's <see cref="AiFunction{TInput,TOutput}.Validate"/>.
/// </summary>
public interface INativeAiFunction<TInput, TOutput>
{
    /// <summary>Must equal the <see cref="AiFunction{TInput,TOutput}.Name"/> it implements.</summary>
    string FunctionName { get; }

    Task<TOutput> InvokeAsync(TInput input, string model, CancellationToken cancellationToken);
}
