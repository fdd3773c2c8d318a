namespace AiFunctions.Hosting.Api;

/// <summary>Answer of <c>GET /api/providers</c>: the installed plugins and the configured provider instances.</summary>
public sealed record ProviderCatalog(IReadOnlyList<PluginInfo> Plugins, IReadOnlyList<ProviderInstanceInfo> Instances);

/// <summary>One installed provider plugin.</summary>
/// <param name="Capabilities">Comma-separated capability flags (Chat, Embeddings, ...).</param>
/// <param name="Generative">False for the offline <c>local</c> plugin (rules and embeddings, not a language model).</param>
public sealed record PluginInfo(string Id, string DisplayName, string Version, string Contract, string Capabilities, bool Generative, string? Description);

/// <summary>One configured provider instance and its models with their circuit state.</summary>
/// <param name="ReplicaGroup">The replica group the instance declares (<c>AiFunctions:Providers:{instance}:ReplicaGroup</c>: its models are one scorer with the group's other instances); null: none.</param>
public sealed record ProviderInstanceInfo(string Instance, string Plugin, string PluginVersion, bool Generative, string Capabilities, IReadOnlyList<ModelInfo> Models, string? ReplicaGroup = null);

/// <summary>A model of an instance. <see cref="Circuit"/> is Closed, Open or HalfOpen once the target was called.</summary>
public sealed record ModelInfo(string Model, string? Circuit, string? LastFailure);

/// <summary>Answer of <c>GET /api/routes</c>.</summary>
public sealed record RouteCatalog(IReadOnlyList<RouteInfo> Routes);

/// <summary>One route: strategy, ordered targets and per-target resilience settings.</summary>
public sealed record RouteInfo(string Route, string Strategy, IReadOnlyList<RouteTargetInfo> Targets, TimeSpan Timeout, int MaxRetries, bool Redact);

/// <summary>One target of a route.</summary>
public sealed record RouteTargetInfo(string Provider, string Model, int Weight);
