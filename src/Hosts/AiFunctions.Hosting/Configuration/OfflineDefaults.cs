using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace AiFunctions.Hosting.Configuration;

/// <summary>
/// The settings a fresh clone runs with: one provider instance "local" (the offline, non-generative Local plugin)
/// and the three workflow routes pointing at it. They are the lowest-priority configuration layer, so any other
/// source (appsettings, environment variables, Key Vault) overrides them key by key; e.g.
/// <c>AiFunctions__Routes__screening__Targets__0__Provider=azure</c> moves only the screening route. Set
/// <c>AiFunctions:OfflineDefaults=false</c> to drop the layer altogether (then every provider and route must be configured).
/// </summary>
public static class OfflineDefaults
{
    /// <summary>Setting that switches the layer off (default on).</summary>
    public const string SwitchKey = "AiFunctions:OfflineDefaults";

    public const string LocalInstance = "local";
    public const string RulesModel = "hr-rules-v1";
    public const string EmbeddingModel = "all-MiniLM-L6-v2";

    /// <summary>The default key/value pairs, in configuration-path form.</summary>
    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        [$"AiFunctions:Providers:{LocalInstance}:Plugin"] = "local",
        [$"AiFunctions:Providers:{LocalInstance}:Models:0"] = RulesModel,
        [$"AiFunctions:Providers:{LocalInstance}:Models:1"] = EmbeddingModel,
        ["AiFunctions:Routes:screening:Targets:0:Provider"] = LocalInstance,
        ["AiFunctions:Routes:screening:Targets:0:Model"] = RulesModel,
        // The deterministic baseline every generative screening score is compared with (AiFunctions:Screening:BaselineRoute).
        [$"AiFunctions:Routes:{HrFunctions.HrRoutes.ScreeningBaseline}:Targets:0:Provider"] = LocalInstance,
        [$"AiFunctions:Routes:{HrFunctions.HrRoutes.ScreeningBaseline}:Targets:0:Model"] = RulesModel,
        ["AiFunctions:Routes:drafting:Targets:0:Provider"] = LocalInstance,
        ["AiFunctions:Routes:drafting:Targets:0:Model"] = RulesModel,
        ["AiFunctions:Routes:embedding:Targets:0:Provider"] = LocalInstance,
        ["AiFunctions:Routes:embedding:Targets:0:Model"] = EmbeddingModel,
    };

    /// <summary>
    /// Inserts the defaults as the first (lowest-priority) source of a configuration builder, unless switched off
    /// or already present. Hosts call it on their builder's configuration so everything reading configuration sees them.
    /// </summary>
    public static IConfigurationBuilder AddAiFunctionsOfflineDefaults(this IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Sources.OfType<OfflineDefaultsSource>().Any() || (builder is IConfiguration current && !IsEnabled(current)))
        {
            return builder;
        }

        builder.Sources.Insert(0, new OfflineDefaultsSource());
        return builder;
    }

    /// <summary>
    /// The configuration with the defaults under it (a new root whose first layer is the defaults, then the given
    /// configuration). Used by <c>AddAiFunctionsCore</c> so a host that did not add the layer still starts offline.
    /// Returns the configuration unchanged when <see cref="SwitchKey"/> is false.
    /// </summary>
    public static IConfiguration Layer(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsEnabled(configuration))
        {
            return configuration;
        }

        return new ConfigurationBuilder()
            .Add(new OfflineDefaultsSource())
            .AddConfiguration(configuration, shouldDisposeConfiguration: false)
            .Build();
    }

    /// <summary>Whether the layer applies (<see cref="SwitchKey"/> absent or true).</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        var raw = configuration[SwitchKey];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        return bool.TryParse(raw, out var enabled)
            ? enabled
            : throw new InvalidOperationException($"Setting '{SwitchKey}' is '{raw}', which is not a boolean. Use true or false.");
    }

    private sealed class OfflineDefaultsSource : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new OfflineDefaultsProvider();
    }

    private sealed class OfflineDefaultsProvider : MemoryConfigurationProvider
    {
        public OfflineDefaultsProvider()
            : base(new MemoryConfigurationSource { InitialData = Values })
        {
        }
    }
}
