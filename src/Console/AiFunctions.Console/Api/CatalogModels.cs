namespace AiFunctions.Console.Api;

/// <summary><c>GET /api/providers</c>: installed plugins and configured instances.</summary>
public sealed record ProviderCatalog(IReadOnlyList<PluginInfo> Plugins, IReadOnlyList<ProviderInstanceInfo> Instances);

/// <summary>One plugin: manifest, version, contract range, capabilities.</summary>
public sealed record PluginInfo(string Id, string DisplayName, string Version, string Contract, string Capabilities, bool Generative, string? Description);

/// <summary>One configured provider instance with its models.</summary>
public sealed record ProviderInstanceInfo(string Instance, string Plugin, string PluginVersion, bool Generative, string Capabilities, IReadOnlyList<ModelInfo> Models);

/// <summary>A model of an instance with its circuit state (null until first called) and last failure.</summary>
public sealed record ModelInfo(string Model, string? Circuit, string? LastFailure);

/// <summary><c>GET /api/routes</c>.</summary>
public sealed record RouteCatalog(IReadOnlyList<RouteInfo> Routes);

/// <summary>One route: strategy, ordered targets, per-target resilience settings.</summary>
public sealed record RouteInfo(string Route, string Strategy, IReadOnlyList<RouteTargetInfo> Targets, TimeSpan Timeout, int MaxRetries, bool Redact);

/// <summary>One target of a route.</summary>
public sealed record RouteTargetInfo(string Provider, string Model, int Weight);
