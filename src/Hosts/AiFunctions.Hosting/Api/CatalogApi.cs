using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Registry;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.Routing;
using Microsoft.AspNetCore.Http;
using AiFunctions.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.Hosting.Api;

/// <summary>GET /api/providers and GET /api/routes: what is configured, for the management UI.</summary>
public sealed class CatalogApi(IProviderRegistry registry, EffectiveAiConfiguration configuration, ITargetHealth? health = null)
{
    public IResult ListProviders()
    {
        var states = health?.Targets.ToDictionary(t => t.Target, StringComparer.OrdinalIgnoreCase) ?? [];
        return Results.Json(
            new
            {
                plugins = registry.Plugins.Select(p => new
                {
                    p.Id,
                    p.DisplayName,
                    version = p.PluginVersion.ToString(),
                    contract = p.SupportedContract.ToString(),
                    capabilities = p.Capabilities.ToString(),
                    generative = p.IsGenerative,
                    p.Description,
                }),
                instances = registry.Instances.Select(i => new
                {
                    instance = i.Instance,
                    plugin = i.Plugin.Id,
                    pluginVersion = i.Plugin.PluginVersion.ToString(),
                    generative = i.Plugin.IsGenerative,
                    capabilities = i.Plugin.Capabilities.ToString(),
                    models = i.Models.Select(m => new
                    {
                        model = m,
                        circuit = states.TryGetValue($"{i.Instance}/{m}", out var s) ? s.State.ToString() : null,
                        lastFailure = states.TryGetValue($"{i.Instance}/{m}", out var f) ? f.LastFailure : null,
                    }),
                }),
            },
            ApiJson.Options);
    }

    public IResult ListRoutes()
    {
        var routes = configuration.Root.GetSection(AiKernelSections.Routes).GetChildren()
            .Select(section => (Name: section.Key, Options: section.Get<RouteOptions>() ?? new RouteOptions()))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new
            {
                route = r.Name,
                strategy = r.Options.Strategy.ToString(),
                targets = r.Options.Targets.Select(t => new { provider = t.Provider, model = t.Model, weight = t.Weight }),
                timeout = r.Options.Timeout,
                maxRetries = r.Options.MaxRetries,
                redact = r.Options.Redact,
            });
        return Results.Json(new { routes }, ApiJson.Options);
    }
}
