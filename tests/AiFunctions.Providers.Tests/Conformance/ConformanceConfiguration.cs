using AiFunctions.Kernel.DependencyInjection;
using Microsoft.Extensions.Configuration;
using static AiFunctions.Providers.Tests.Conformance.ConformanceSetup;

namespace AiFunctions.Providers.Tests.Conformance;

/// <summary>The configuration the kit runs a plugin under: two instances of it and the kit's routes over them.</summary>
public sealed record ConformanceConfiguration(
    string PluginId,
    string ChatModel,
    string EmbeddingModel,
    Func<Uri?, IEnumerable<KeyValuePair<string, string?>>> InstanceSettings)
{
    /// <param name="primary">The primary instance's fake (null: no wire).</param>
    /// <param name="secondary">The secondary instance's fake.</param>
    /// <param name="primaryOverrides">Extra settings of the primary instance (relative keys, e.g. "NetworkTimeout").</param>
    /// <param name="extra">Extra configuration values (full keys), e.g. a route a native function needs.</param>
    public IConfigurationRoot Build(
        Uri? primary,
        Uri? secondary,
        IEnumerable<KeyValuePair<string, string?>>? primaryOverrides = null,
        IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var values = new List<KeyValuePair<string, string?>>();
        AddInstance(values, Primary, primary, primaryOverrides);
        AddInstance(values, Secondary, secondary, null);
        AddRoute(values, ChatRoute, [Primary], ChatModel, maxRetries: 1, timeout: TimeSpan.FromSeconds(10));
        AddRoute(values, FailoverRoute, [Primary, Secondary], ChatModel, maxRetries: 1, timeout: TimeSpan.FromSeconds(10));
        AddRoute(values, TimeoutRoute, [Primary], ChatModel, maxRetries: 0, timeout: ShortTimeout);
        AddRoute(values, EmbeddingRoute, [Primary], EmbeddingModel, maxRetries: 1, timeout: TimeSpan.FromSeconds(30));
        values.AddRange(extra ?? []);
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private void AddInstance(List<KeyValuePair<string, string?>> values, string instance, Uri? fake, IEnumerable<KeyValuePair<string, string?>>? overrides)
    {
        var prefix = $"{AiKernelSections.Providers}:{instance}:";
        values.Add(new(prefix + "Plugin", PluginId));
        values.Add(new(prefix + "Models:0", ChatModel));
        if (!string.Equals(EmbeddingModel, ChatModel, StringComparison.Ordinal))
        {
            values.Add(new(prefix + "Models:1", EmbeddingModel));
        }

        foreach (var (key, value) in InstanceSettings(fake).Concat(overrides ?? []))
        {
            values.Add(new(prefix + key, value));
        }
    }

    public static void AddRoute(List<KeyValuePair<string, string?>> values, string route, string[] instances, string model, int maxRetries, TimeSpan timeout)
    {
        var prefix = $"{AiKernelSections.Routes}:{route}:";
        for (var i = 0; i < instances.Length; i++)
        {
            values.Add(new($"{prefix}Targets:{i}:Provider", instances[i]));
            values.Add(new($"{prefix}Targets:{i}:Model", model));
        }

        values.Add(new(prefix + "MaxRetries", maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        values.Add(new(prefix + "RetryBaseDelay", "00:00:00.001"));
        values.Add(new(prefix + "Timeout", timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture)));
        values.Add(new(prefix + "Redact", "false"));
    }
}
