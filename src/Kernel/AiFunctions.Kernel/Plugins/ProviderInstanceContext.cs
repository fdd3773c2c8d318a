using AiFunctions.Kernel.Errors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.Plugins;

/// <summary>
/// What a plugin gets when the kernel asks it to register one configured instance: the instance's key and
/// settings section, the models configured for it, and the service collection to add keyed clients to.
/// Setting helpers throw <see cref="AiKernelConfigurationException"/> naming the plugin, the instance, the full
/// setting path and the fix, so a misconfigured deployment fails at start-up, never at the first request.
/// </summary>
public sealed class ProviderInstanceContext
{
    public ProviderInstanceContext(string instanceKey, PluginManifest manifest, IConfigurationSection settings, IServiceCollection services)
    {
        InstanceKey = instanceKey;
        Manifest = manifest;
        Settings = settings;
        Services = services;
        Models = settings.GetSection("Models").GetChildren()
            .Select(c => c.Value ?? c.Key)
            .Where(m => !string.IsNullOrWhiteSpace(m))
            .Select(m => m!)
            .ToArray();
    }

    public string InstanceKey { get; }

    public PluginManifest Manifest { get; }

    /// <summary>The instance's section, <c>AiFunctions:Providers:{instance}</c>.</summary>
    public IConfigurationSection Settings { get; }

    public IServiceCollection Services { get; }

    /// <summary>Models (or deployments) this instance serves, from <c>Models</c> (an array of names).</summary>
    public IReadOnlyList<string> Models { get; }

    public string? GetSetting(string name) => Settings[name] is { Length: > 0 } v ? v : null;

    /// <summary>Reads a required setting or fails start-up with a message that names it and says how to fix it.</summary>
    public string GetRequiredSetting(string name, string hint) =>
        GetSetting(name) ?? throw Missing(name, hint);

    public Uri GetRequiredUri(string name, string hint)
    {
        var raw = GetRequiredSetting(name, hint);
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new AiKernelConfigurationException(
                $"Provider instance '{InstanceKey}' (plugin '{Manifest.Id}'): setting '{Path(name)}' is '{raw}', which is not an absolute http(s) URL. {hint}");
        }

        return uri;
    }

    public TimeSpan? GetTimeSpan(string name)
    {
        var raw = GetSetting(name);
        if (raw is null)
        {
            return null;
        }

        return TimeSpan.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new AiKernelConfigurationException(
                $"Provider instance '{InstanceKey}' (plugin '{Manifest.Id}'): setting '{Path(name)}' is '{raw}', which is not a positive time span. Use the form hh:mm:ss, e.g. 00:00:30.");
    }

    /// <summary>Requires at least one model under <c>Models</c>; plugins that serve named models call this.</summary>
    public IReadOnlyList<string> GetRequiredModels(string hint) =>
        Models.Count > 0 ? Models : throw Missing("Models", hint);

    /// <summary>Registers the chat client for one model under <see cref="ProviderKeys.Chat"/>.</summary>
    public void AddChatClient(string model, Func<IServiceProvider, IChatClient> factory) =>
        Services.AddKeyedSingleton<IChatClient>(ProviderKeys.Chat(InstanceKey, model), (sp, _) => factory(sp));

    /// <summary>Registers the embedding generator for one model under <see cref="ProviderKeys.Embeddings"/>.</summary>
    public void AddEmbeddingGenerator(string model, Func<IServiceProvider, IEmbeddingGenerator<string, Embedding<float>>> factory) =>
        Services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(ProviderKeys.Embeddings(InstanceKey, model), (sp, _) => factory(sp));

    public string Path(string name) => $"{Settings.Path}:{name}";

    private AiKernelConfigurationException Missing(string name, string hint) =>
        new($"Provider instance '{InstanceKey}' (plugin '{Manifest.Id}'): required setting '{Path(name)}' is missing. {hint}");
}
