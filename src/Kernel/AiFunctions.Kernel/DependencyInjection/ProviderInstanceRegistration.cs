using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Plugins;
using AiFunctions.Kernel.Registry;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.Kernel.DependencyInjection;

/// <summary>Reads <c>AiFunctions:Providers</c> and lets each instance's plugin register its keyed clients.</summary>
internal static class ProviderInstanceRegistration
{
    public static IReadOnlyList<ProviderInstanceInfo> RegisterAll(AiKernelBuilder builder, List<string> problems)
    {
        var result = new List<ProviderInstanceInfo>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in builder.Configuration.GetSection(AiKernelSections.Providers).GetChildren())
        {
            var instance = section.Key;
            if (!seen.Add(instance))
            {
                problems.Add($"Provider instance key '{instance}' is configured twice ('{section.Path}'). Instance keys are case-insensitive and must be unique; rename one.");
                continue;
            }

            var pluginId = section["Plugin"];
            if (string.IsNullOrWhiteSpace(pluginId))
            {
                problems.Add($"Provider instance '{instance}': required setting '{section.Path}:Plugin' is missing. Set it to one of: {Known(builder)}.");
                continue;
            }

            if (!builder.Plugins.TryGetValue(pluginId, out var plugin))
            {
                problems.Add($"Provider instance '{instance}': '{section.Path}:Plugin' is '{pluginId}', which is not a plugin this host has. Use one of: {Known(builder)}, or add the plugin's package and call its Add…Provider() on the kernel builder.");
                continue;
            }

            var manifest = plugin.Manifest;
            if (!manifest.SupportedContract.Includes(KernelContract.Current))
            {
                problems.Add($"Plugin '{manifest.Id}' {manifest.PluginVersion} (used by provider instance '{instance}') supports kernel contract {manifest.SupportedContract}, but this kernel implements contract {KernelContract.Current}. Use a plugin version built for contract {KernelContract.Current.Major}.x.");
                continue;
            }

            var context = new ProviderInstanceContext(instance, manifest, section, builder.Services);
            try
            {
                plugin.RegisterInstance(context);
                result.Add(new ProviderInstanceInfo(instance, manifest, context.Models)
                {
                    ReplicaGroup = context.GetSetting(ProviderInstanceOptions.ReplicaGroupSetting),
                });
            }
            catch (AiKernelConfigurationException ex)
            {
                problems.AddRange(ex.Problems);
            }
        }

        return result;
    }

    private static string Known(AiKernelBuilder builder) =>
        builder.Plugins.Count == 0 ? "(no plugins were added to the kernel builder)" : string.Join(", ", builder.Plugins.Keys.Order());
}
