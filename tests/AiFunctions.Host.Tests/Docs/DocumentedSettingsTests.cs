extern alias console;

using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using AiFunctions.Events.EventGrid;
using AiFunctions.Events.Handling;
using AiFunctions.Events.Publishing;
using AiFunctions.Events.ServiceBus;
using AiFunctions.Host.Durable;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Configuration;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.RateLimiting;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Resilience;
using AiFunctions.Kernel.Routing;
using AiFunctions.Workflows.Storage;

namespace AiFunctions.Host.Tests.Docs;

/// <summary>
/// Docs that match the code: every setting name in README.md and docs/*.md (<c>AiFunctions:…</c> or
/// <c>AiFunctions__…</c>) binds to a real property of the options class that section is bound to — or, under
/// <c>AiFunctions:Providers:{instance}</c>, is a setting a provider plugin reads — and the documents say what a
/// newcomer needs (webhook key and header, Azurite flag, troubleshooting).
/// </summary>
public sealed partial class DocumentedSettingsTests
{
    /// <summary>Where each section is bound (the composition root's Bind/Get calls).</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        [ApiOptions.Section] = typeof(ApiOptions),
        [DurableBackendOptions.Section] = typeof(DurableBackendOptions),
        [EventHandlingOptions.SectionName] = typeof(EventHandlingOptions),
        [EventIntakeOptions.SectionName] = typeof(EventIntakeOptions),
        [OutboundEventOptions.SectionName] = typeof(OutboundEventOptions),
        [ServiceBusEventsOptions.SectionName] = typeof(ServiceBusEventsOptions),
        [ServiceBusEventsOptions.ConnectionSectionName] = typeof(ServiceBusEventsOptions),
        [WorkflowStorageOptions.SectionName] = typeof(WorkflowStorageOptions),
        [AiFunctions.Workflows.Screening.ScreeningOptions.SectionName] = typeof(AiFunctions.Workflows.Screening.ScreeningOptions),
        [AiFunctions.Workflows.Migration.MigrationOptions.SectionName] = typeof(AiFunctions.Workflows.Migration.MigrationOptions),
        ["AiFunctions:Routes"] = typeof(Dictionary<string, RouteOptions>),
        ["AiFunctions:Pricing"] = typeof(Dictionary<string, ModelPrice>),
        ["AiFunctions:Budgets"] = typeof(Dictionary<string, BudgetRule>),
        ["AiFunctions:RateLimits"] = typeof(RateLimitOptions),
        [ConcurrencyLimitOptions.Section] = typeof(ConcurrencyLimitOptions),
        ["AiFunctions:Resilience"] = typeof(ResilienceOptions),
        ["AiFunctions:Redaction"] = typeof(RedactionOptions),
        [AiFunctions.Kernel.SharedState.SharedStateOptions.Section] = typeof(AiFunctions.Kernel.SharedState.SharedStateOptions),
        [AiFunctions.Hosting.Security.AuthOptions.Section] = typeof(AiFunctions.Hosting.Security.AuthOptions),
        [AiFunctions.Hosting.Management.ManagementOptions.Section] = typeof(AiFunctions.Hosting.Management.ManagementOptions),
        [AiFunctions.Hosting.Lifecycle.RetentionOptions.Section] = typeof(AiFunctions.Hosting.Lifecycle.RetentionOptions),
        [console::AiFunctions.Console.Configuration.ConsoleOptions.Section] = typeof(console::AiFunctions.Console.Configuration.ConsoleOptions),
    };

    /// <summary>Sections read key by key rather than bound (EmbeddedDevServiceBus.AddIfEnabled): their keys.</summary>
    private static readonly Dictionary<string, string[]> RawSections = new(StringComparer.OrdinalIgnoreCase)
    {
        [AiFunctions.Host.Messaging.EmbeddedDevServiceBus.SectionName] = ["Enabled", "Port", "ConfigurationPath"],
    };

    /// <summary>
    /// Retired settings the docs name only to say so: start-up refuses each of them by name (AuthSettingsTests), so a
    /// document may mention them in that sense.
    /// </summary>
    private static readonly HashSet<string> Retired = new(StringComparer.OrdinalIgnoreCase) { "AiFunctions:Api:ApiKeys" };

    public static TheoryData<string, string> DocumentedSettings()
    {
        var data = new TheoryData<string, string>();
        var root = RepoRoot();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Append(Path.Combine(root, "README.md")))
        {
            var text = File.ReadAllText(file);
            foreach (var name in SettingName().Matches(text).Select(m => Normalise(m.Value)).Where(n => n.Split(':').Length > 1).Distinct(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file), name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentedSettings))]
    public void Every_documented_setting_binds_to_a_real_option(string file, string setting)
    {
        Assert.True(Resolves(setting, out var why), $"{file} names '{setting}', which no options class binds: {why}");
    }

    [Fact]
    public void The_docs_name_the_webhook_key_its_header_the_azurite_flag_and_have_troubleshooting()
    {
        var root = RepoRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var host = File.ReadAllText(Path.Combine(root, "docs", "host.md"));
        var troubleshooting = File.ReadAllText(Path.Combine(root, "docs", "troubleshooting.md"));

        foreach (var doc in new[] { readme, host })
        {
            Assert.Contains("AiFunctions:Events:Intake:SharedKey", doc, StringComparison.Ordinal);
            Assert.Contains(new EventIntakeOptions().KeyHeaderName, doc, StringComparison.Ordinal);
            Assert.Contains("--skipApiVersionCheck", doc, StringComparison.Ordinal);
        }

        Assert.Contains("docs/troubleshooting.md", readme, StringComparison.Ordinal);
        Assert.True(Regex.Matches(troubleshooting, @"^\| .+ \| .+ \| .+ \|$", RegexOptions.Multiline).Count >= 8, "troubleshooting.md needs a symptom | cause | fix table.");
    }

    [Fact]
    public void A_misspelt_setting_is_caught()
    {
        Assert.False(Resolves("AiFunctions:Events:Intake:SharedKeys", out _));
        Assert.False(Resolves("AiFunctions:Api:ApiKey", out _));
        Assert.True(Resolves("AiFunctions:Routes:screening:Targets:0:Model", out _));
        Assert.True(Resolves("AiFunctions:Providers:azure:Endpoint", out _));
        Assert.False(Resolves("AiFunctions:Providers:azure:Endpont", out _));
    }

    private static string Normalise(string raw)
    {
        var name = raw.Replace("__", ":", StringComparison.Ordinal).TrimEnd('.', ':', ',', ')', '`');
        // "…" or "..." mark an elided tail in the docs.
        var cut = name.IndexOfAny(['…']);
        name = cut >= 0 ? name[..cut] : name;
        name = name.Replace("...", string.Empty, StringComparison.Ordinal).TrimEnd(':');
        return name;
    }

    private static bool Resolves(string setting, out string why)
    {
        why = string.Empty;
        if (Retired.Contains(setting))
        {
            return true;
        }

        if (string.Equals(setting, OfflineDefaults.SwitchKey, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var segments = setting.Split(':');
        if (segments.Length >= 2 && string.Equals(segments[1], "Providers", StringComparison.OrdinalIgnoreCase))
        {
            if (segments.Length <= 3)
            {
                return true;
            }

            var known = ProviderSettingNames();
            why = $"'{segments[3]}' is not read by any provider plugin (known: {string.Join(", ", known.Order())})";
            return known.Contains(segments[3]) && (segments.Length == 4 || string.Equals(segments[3], "Models", StringComparison.OrdinalIgnoreCase));
        }

        foreach (var (section, keys) in RawSections)
        {
            if (setting.StartsWith(section, StringComparison.OrdinalIgnoreCase))
            {
                var rest = setting[section.Length..].TrimStart(':');
                why = $"{section} is read for {string.Join(", ", keys)} only";
                return rest.Length == 0 || keys.Contains(rest, StringComparer.OrdinalIgnoreCase);
            }
        }

        // The longest documented section prefix, then walk its type.
        for (var length = segments.Length; length >= 2; length--)
        {
            var section = string.Join(':', segments[..length]);
            if (Sections.TryGetValue(section, out var type))
            {
                return Walk(type, segments[length..], out why);
            }
        }

        // A parent of known sections (e.g. "AiFunctions:Events"), named as a group.
        if (Sections.Keys.Any(k => k.StartsWith(setting + ":", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        why = "its section is bound nowhere";
        return false;
    }

    private static bool Walk(Type type, string[] rest, out string why)
    {
        why = string.Empty;
        foreach (var segment in rest)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (Dictionary(type) is { } value)
            {
                type = value; // any key (an instance, route or model name)
                continue;
            }

            if (Element(type) is { } element && (int.TryParse(segment, out _) || segment.StartsWith('{')))
            {
                type = element;
                continue;
            }

            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                why = $"{type.Name} has no property '{segment}'";
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }

    private static Type? Dictionary(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var key, var value] && key == typeof(string) && typeof(IDictionary).IsAssignableFrom(type) ? value
        : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))?.GetGenericArguments()[1];

    private static Type? Element(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>The settings provider plugins read (<c>context.Get…("Name")</c>), plus Plugin and Models.</summary>
    private static HashSet<string> ProviderSettingNames()
    {
        // Plugin, Models and ReplicaGroup are read by the kernel itself (ProviderInstanceRegistration, ProviderInstanceOptions).
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Plugin", "Models", "ReplicaGroup" };
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot(), "src", "Providers"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match match in PluginSettingRead().Matches(File.ReadAllText(file)))
            {
                names.Add(match.Groups[1].Value);
            }
        }

        return names;
    }

    [GeneratedRegex(@"AiFunctions(?::|__)[A-Za-z0-9_:{}.…\-]*[A-Za-z0-9}]")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"context\.Get\w*\(""(\w+)""")]
    private static partial Regex PluginSettingRead();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("AiFunctions.sln not found above the test binaries.");
    }
}
