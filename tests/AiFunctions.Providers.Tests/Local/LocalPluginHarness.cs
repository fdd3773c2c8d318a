using AiFunctions.Kernel.Plugins;
using AiFunctions.Providers.Local;
using AiFunctions.Providers.Local.Embeddings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Providers.Tests.Local;

/// <summary>Registers one Local instance through the plugin contract, sharing the fixture's loaded model.</summary>
internal static class LocalPluginHarness
{
    public const string Instance = "local-test";

    public static ServiceProvider Build(MiniLmEncoder encoder, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { [$"AiFunctions:Providers:{Instance}:Plugin"] = LocalProviderPlugin.PluginId };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[$"AiFunctions:Providers:{Instance}:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(encoder);
        Register(services, configuration.GetSection($"AiFunctions:Providers:{Instance}"));
        return services.BuildServiceProvider();
    }

    public static void Register(IServiceCollection services, IConfigurationSection section)
    {
        var plugin = new LocalProviderPlugin();
        plugin.RegisterInstance(new ProviderInstanceContext(Instance, plugin.Manifest, section, services));
    }
}
