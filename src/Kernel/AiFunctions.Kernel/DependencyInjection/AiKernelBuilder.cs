using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>
/// Collects the provider plugins a host makes available. Which instances exist, and which routes use them, is
/// configuration (<c>AiFunctions</c> section); the builder only says which plugin code is present.
/// Each plugin project has one extension method on this builder, e.g. <c>kernel.AddOpenAIProvider()</c>.
/// </summary>
public sealed class AiKernelBuilder(IServiceCollection services, IConfiguration configuration)
{
    private readonly Dictionary<string, IProviderPlugin> _plugins = new(StringComparer.OrdinalIgnoreCase);

    public IServiceCollection Services { get; } = services;

    /// <summary>The root configuration; the kernel reads its <c>AiFunctions</c> section.</summary>
    public IConfiguration Configuration { get; } = configuration;

    public IReadOnlyDictionary<string, IProviderPlugin> Plugins => _plugins;

    /// <summary>Makes a plugin available. Fails when another plugin already uses the same id.</summary>
    public AiKernelBuilder AddPlugin(IProviderPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (!_plugins.TryAdd(plugin.Manifest.Id, plugin))
        {
            throw new Errors.AiKernelConfigurationException(
                $"Two plugins declare the id '{plugin.Manifest.Id}' ({_plugins[plugin.Manifest.Id].GetType().FullName} and {plugin.GetType().FullName}). Plugin ids must be unique.");
        }

        return this;
    }
}
