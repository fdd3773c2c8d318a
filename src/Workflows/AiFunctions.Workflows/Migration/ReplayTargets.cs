using AiFunctions.Kernel.Routing;

namespace AiFunctions.Workflows.Migration;

/// <summary>The "instance/model" form of a target, as replays store it.</summary>
public static class ReplayTargets
{
    public static string Format(RouteTargetOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"{target.Provider}/{target.Model}";
    }

    /// <summary>Splits at the first '/': model names may contain '/' (e.g. "meta/llama-3"), instance keys do not.</summary>
    public static RouteTargetOptions Parse(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == target.Length - 1
            ? throw new FormatException($"'{target}' is not a target: use instance/model.")
            : new RouteTargetOptions { Provider = target[..slash], Model = target[(slash + 1)..] };
    }
}
