using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Registry;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.Kernel.Routing;

/// <summary>The routes configured under <c>AiFunctions:Routes</c> (validated at start-up by AddAiKernel).</summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, RouteRuntime> _routes;

    public RouteTable(IConfiguration configuration, IProviderRegistry registry)
    {
        _routes = new Dictionary<string, RouteRuntime>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetSection(AiKernelSections.Routes).GetChildren())
        {
            var options = section.Get<RouteOptions>() ?? new RouteOptions();
            foreach (var target in options.Targets)
            {
                Canonicalize(target, registry);
            }

            if (options.Shadow?.Target is { } shadow)
            {
                Canonicalize(shadow, registry);
            }

            _routes[section.Key] = new RouteRuntime(section.Key, options);
        }
    }

    /// <summary>
    /// Start-up validation matches instances and models case-insensitively; DI keys are case-sensitive, so targets
    /// use the spelling of the instance key and of the instance's Models list.
    /// </summary>
    private static void Canonicalize(RouteTargetOptions target, IProviderRegistry registry)
    {
        var instance = registry.Instances.FirstOrDefault(i => string.Equals(i.Instance, target.Provider, StringComparison.OrdinalIgnoreCase));
        if (instance is null)
        {
            return;
        }

        target.Provider = instance.Instance;
        target.Model = instance.Models.FirstOrDefault(m => string.Equals(m, target.Model, StringComparison.OrdinalIgnoreCase)) ?? target.Model;
    }

    public IReadOnlyCollection<RouteRuntime> All => _routes.Values;

    public RouteRuntime Get(string route) =>
        _routes.TryGetValue(route, out var runtime)
            ? runtime
            : throw new KeyNotFoundException(
                $"Route '{route}' is not configured. Add it under '{AiKernelSections.Routes}:{route}' with at least one target, " +
                $"or use one of: {(_routes.Count == 0 ? "(no routes configured)" : string.Join(", ", _routes.Keys.Order()))}.");
}
