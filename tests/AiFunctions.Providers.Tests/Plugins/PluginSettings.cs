using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Providers.Tests.Plugins;

/// <summary>Registers one plugin instance from a few settings, without the kernel, and resolves what it added.</summary>
internal static class PluginSettings
{
    public const string Instance = "test";

    public static ServiceProvider Register(IProviderPlugin plugin, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"AiFunctions:Providers:{Instance}:{s.Key}", s.Value)))
            .Build();
        var services = new ServiceCollection();
        plugin.RegisterInstance(new ProviderInstanceContext(Instance, plugin.Manifest, configuration.GetSection($"AiFunctions:Providers:{Instance}"), services));
        return services.BuildServiceProvider();
    }

    public static IChatClient Chat(this IServiceProvider services, string model) =>
        services.GetRequiredKeyedService<IChatClient>(ProviderKeys.Chat(Instance, model));
}
