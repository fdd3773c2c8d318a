using AiFunctions.Kernel.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.Kernel.Routing;

/// <summary>The routes configured under <c>AiFunctions:Routes</c> (validated at start-up by AddAiKernel).</summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, RouteRuntime> _routes;

    public RouteTable(IConfiguration configuration)
    {
        _routes = new Dictionary<string, RouteRuntime>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetSection(AiKernelSections.Routes).GetChildren())
        {
            _routes[section.Key] = new RouteRuntime(section.Key, section.Get<RouteOptions>() ?? new RouteOptions());
        }
    }

    public IReadOnlyCollection<RouteRuntime> All => _routes.Values;

    public RouteRuntime Get(string route) =>
        _routes.TryGetValue(route, out var runtime)
            ? runtime
            : throw new KeyNotFoundException(
                $"Route '{route}' is not configured. Add it under '{AiKernelSections.Routes}:{route}' with at least one target, " +
                $"or use one of: {(_routes.Count == 0 ? "(no routes configured)" : string.Join(", ", _routes.Keys.Order()))}.");
}
