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
        ModelInfo Model(string instance, string model) =>
            states.TryGetValue($"{instance}/{model}", out var s) ? new(model, s.State.ToString(), s.LastFailure) : new(model, null, null);
        var catalog = new ProviderCatalog(
            [.. registry.Plugins.Select(p => new PluginInfo(p.Id, p.DisplayName, p.PluginVersion.ToString(), p.SupportedContract.ToString(), p.Capabilities.ToString(), p.IsGenerative, p.Description))],
            [.. registry.Instances.Select(i => new ProviderInstanceInfo(
                i.Instance, i.Plugin.Id, i.Plugin.PluginVersion.ToString(), i.Plugin.IsGenerative, i.Plugin.Capabilities.ToString(),
                [.. i.Models.Select(m => Model(i.Instance, m))], i.ReplicaGroup))]);
        return Results.Json(catalog, ApiJson.Options);
    }

    public IResult ListRoutes()
    {
        var routes = configuration.Root.GetSection(AiKernelSections.Routes).GetChildren()
            .Select(section => (Name: section.Key, Options: section.Get<RouteOptions>() ?? new RouteOptions()))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new RouteInfo(
                r.Name,
                r.Options.Strategy.ToString(),
                [.. r.Options.Targets.Select(t => new RouteTargetInfo(t.Provider, t.Model, t.Weight))],
                r.Options.Timeout,
                r.Options.MaxRetries,
                r.Options.Redact));
        return Results.Json(new RouteCatalog([.. routes]), ApiJson.Options);
    }
}
