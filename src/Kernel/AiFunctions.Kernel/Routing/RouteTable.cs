using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Registry;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.Kernel.Routing;

/// <summary>
/// The routes configured under <c>AiFunctions:Routes</c> (validated at start-up by AddAiKernel), and their run-time
/// overrides (<see cref="IRouteOverrides"/>). Readers take the current immutable snapshot without a lock; a change
/// builds a new <see cref="RouteRuntime"/> and swaps a new snapshot in under a lock, so a call sees either the old or
/// the new route whole, never a mix.
/// </summary>
internal sealed class RouteTable : IRouteOverrides
{
    private static readonly JsonSerializerOptions CopyJson = new() { Converters = { new JsonStringEnumConverter() }, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly Dictionary<string, RouteOptions> _baseline;
    private readonly IProviderRegistry _registry;
    private readonly Lock _gate = new();
    private volatile Dictionary<string, RouteRuntime> _routes;

    public RouteTable(IConfiguration configuration, IProviderRegistry registry)
    {
        _registry = registry;
        _baseline = new Dictionary<string, RouteOptions>(StringComparer.OrdinalIgnoreCase);
        var routes = new Dictionary<string, RouteRuntime>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetSection(AiKernelSections.Routes).GetChildren())
        {
            var options = section.Get<RouteOptions>() ?? new RouteOptions();
            _baseline[section.Key] = Copy(options);
            routes[section.Key] = Build(section.Key, options);
        }

        _routes = routes;
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

    private RouteRuntime Build(string name, RouteOptions options)
    {
        foreach (var target in options.Targets)
        {
            Canonicalize(target, _registry);
        }

        if (options.Shadow?.Target is { } shadow)
        {
            Canonicalize(shadow, _registry);
        }

        return new RouteRuntime(name, options, ReplicaGroupOf);
    }

    /// <summary>The replica group an instance declares (null: none, or not a configured instance).</summary>
    private string? ReplicaGroupOf(string instance) =>
        _registry.Instances.FirstOrDefault(i => string.Equals(i.Instance, instance, StringComparison.OrdinalIgnoreCase))?.ReplicaGroup;

    public IReadOnlyCollection<RouteRuntime> All => _routes.Values;

    public RouteRuntime Get(string route) =>
        _routes.TryGetValue(route, out var runtime)
            ? runtime
            : throw new KeyNotFoundException(
                $"Route '{route}' is not configured. Add it under '{AiKernelSections.Routes}:{route}' with at least one target, " +
                $"or use one of: {(_routes.Count == 0 ? "(no routes configured)" : string.Join(", ", _routes.Keys.Order()))}.");

    /// <summary>The route's current runtime, or null when it is not configured.</summary>
    public RouteRuntime? TryGet(string route) => route is not null && _routes.TryGetValue(route, out var runtime) ? runtime : null;

    public IReadOnlyList<string> Routes => [.. _baseline.Keys.Order(StringComparer.Ordinal)];

    public bool Contains(string route) => route is not null && _baseline.ContainsKey(route);

    public RouteOptions Baseline(string route) => Copy(_baseline.TryGetValue(route, out var options) ? options : throw Unknown(route));

    public RouteOptions Current(string route) => Copy(Get(route).Options);

    public IReadOnlyList<string> Validate(string route, RouteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = _baseline.Keys.FirstOrDefault(k => string.Equals(k, route, StringComparison.OrdinalIgnoreCase)) ?? throw Unknown(route);

        // The start-up validator reads configuration: give it these settings as the configuration of this one route.
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(JsonSerializer.SerializeToNode(options, CopyJson), $"{AiKernelSections.Routes}:{name}", settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var problems = new List<string>();
        RouteValidation.Validate(configuration, _registry.Instances, problems);
        return problems;
    }

    public void Apply(string route, RouteOptions? options)
    {
        var name = _baseline.Keys.FirstOrDefault(k => string.Equals(k, route, StringComparison.OrdinalIgnoreCase)) ?? throw Unknown(route);
        var settings = options is null ? _baseline[name] : options;
        var problems = Validate(name, settings);
        if (problems.Count > 0)
        {
            throw new AiKernelConfigurationException(problems);
        }

        var runtime = Build(name, Copy(settings));
        lock (_gate)
        {
            _routes = new Dictionary<string, RouteRuntime>(_routes, StringComparer.OrdinalIgnoreCase) { [name] = runtime };
        }
    }

    private KeyNotFoundException Unknown(string route) => new(
        $"Route '{route}' is not configured; only configured routes can be changed at run time. Use one of: {string.Join(", ", _baseline.Keys.Order(StringComparer.Ordinal))}.");

    private static RouteOptions Copy(RouteOptions options) =>
        JsonSerializer.Deserialize<RouteOptions>(JsonSerializer.SerializeToUtf8Bytes(options, CopyJson), CopyJson)!;

    private static void Flatten(JsonNode? node, string path, Dictionary<string, string?> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Flatten(child, $"{path}:{key}", into);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{path}:{i}", into);
                }

                break;
            case JsonValue value:
                into[path] = value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    _ => value.ToJsonString(),
                };
                break;
        }
    }
}
