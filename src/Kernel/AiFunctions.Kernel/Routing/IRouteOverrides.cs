namespace AiFunctions.Kernel.Routing;

/// <summary>
/// Changes the settings of a configured route while the host runs (the management API's route changes). The
/// configuration (<c>AiFunctions:Routes:{route}</c>) stays the baseline; an override replaces a route's whole settings
/// for the next call that starts on it (calls in flight finish on the settings they started with). Only routes present
/// in configuration can be overridden: their keyed clients (<see cref="RouteKeys"/>) exist from start-up. Thread-safe.
/// </summary>
public interface IRouteOverrides
{
    /// <summary>The configured route names (ordinal order).</summary>
    IReadOnlyList<string> Routes { get; }

    /// <summary>True when <paramref name="route"/> is configured (case-insensitive, like the route table).</summary>
    bool Contains(string route);

    /// <summary>A copy of the route's settings from configuration (version 0). Throws KeyNotFoundException for an unknown route.</summary>
    RouteOptions Baseline(string route);

    /// <summary>A copy of the settings calls on the route use now (the override, else the baseline).</summary>
    RouteOptions Current(string route);

    /// <summary>
    /// Checks <paramref name="options"/> for <paramref name="route"/> with the start-up validation of
    /// <c>AiFunctions:Routes</c> (the same rules and messages, e.g. an unknown provider instance, a model the instance does
    /// not list, a weight of 0, a timeout out of range), against the provider instances this host runs. Each problem names
    /// the setting as <c>AiFunctions:Routes:{route}:…</c>. Empty when the settings can be applied.
    /// </summary>
    IReadOnlyList<string> Validate(string route, RouteOptions options);

    /// <summary>
    /// Makes <paramref name="options"/> the route's settings for the next call (null = back to the baseline). Throws
    /// <see cref="Errors.AiKernelConfigurationException"/> listing the problems when <see cref="Validate"/> finds any,
    /// and KeyNotFoundException for a route that is not configured. The options are copied; later changes to the
    /// instance passed in have no effect.
    /// </summary>
    void Apply(string route, RouteOptions? options);
}
