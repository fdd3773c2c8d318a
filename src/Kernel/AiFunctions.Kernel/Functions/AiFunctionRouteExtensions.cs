namespace AiFunctions.Kernel.Functions;

/// <summary>Extensions for <see cref="AiFunction{TInput,TOutput}"/>.</summary>
public static class AiFunctionRouteExtensions
{
    /// <summary>The same function on <paramref name="route"/> (<see cref="ReroutedAiFunction{TInput,TOutput}"/>).</summary>
    public static AiFunction<TInput, TOutput> OnRoute<TInput, TOutput>(this AiFunction<TInput, TOutput> function, string route)
    {
        ArgumentNullException.ThrowIfNull(function);
        return string.Equals(function.Route, route, StringComparison.Ordinal) ? function : new ReroutedAiFunction<TInput, TOutput>(function, route);
    }
}
