using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Metadata;

/// <summary>local.settings.sample.json: a usable local configuration with every setting Azure gets, and no secret.</summary>
public sealed partial class LocalSettingsSampleTests
{
    private static readonly JsonObject Sample = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "local.settings.sample.json")))!.AsObject();

    private static JsonObject Values => Sample["Values"]!.AsObject();

    [Fact]
    public void Is_an_unencrypted_isolated_worker_configuration_on_azurite()
    {
        Assert.False((bool)Sample["IsEncrypted"]!);
        Assert.Equal("dotnet-isolated", (string?)Values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", (string?)Values["AzureWebJobsStorage"]);
    }

    [Fact]
    public void Has_every_app_setting_the_bicep_gives_the_app()
    {
        var main = File.ReadAllText(Path.Combine(TestPaths.Infra, "main.bicep"));

        // Settings given only with the operator console (deployConsole): the JWT issuer of its Entra ID tokens. Locally
        // the console signs in with API keys, so the sample has no token issuer; everything else must be in the sample.
        var consoleOnly = Regex.Match(main, @"var consoleJwtSettings = deployConsole \? \{(?<body>.*?)\} : \{\}", RegexOptions.Singleline);
        Assert.True(consoleOnly.Success, "main.bicep's consoleJwtSettings block was not found.");
        Assert.All(AppSettingName().Matches(consoleOnly.Groups["body"].Value), m => Assert.StartsWith("AiFunctions__Auth__Jwt__", m.Groups[1].Value, StringComparison.Ordinal));
        main = main.Remove(consoleOnly.Index, consoleOnly.Length);
        var fromBicep = AppSettingName().Matches(main).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(fromBicep);
        Assert.All(fromBicep, name => Assert.True(Values.ContainsKey(name), $"local.settings.sample.json lacks {name}, which main.bicep sets in Azure."));
    }

    [Fact]
    public void Holds_no_secret()
    {
        foreach (var (name, value) in Values)
        {
            var text = (string?)value ?? string.Empty;
            Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
            Assert.False(LongOpaqueToken().IsMatch(text), $"{name} looks like a real key or token; use a placeholder.");
            if (name.EndsWith("Key", StringComparison.Ordinal) || name.EndsWith("ApiKey", StringComparison.Ordinal))
            {
                Assert.True(text.Length == 0 || text.StartsWith('<'), $"{name} must be empty or a <placeholder>.");
            }
        }
    }

    [Fact]
    public void Every_setting_belongs_to_a_section_the_app_binds()
    {
        string[] platform = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage"];
        string[] sections =
        [
            "AiFunctions__Storage__", "AiFunctions__ServiceBus__", "AiFunctions__Events__ServiceBus__", "AiFunctions__Events__Intake__",
            "AiFunctions__Events__Handling__", "AiFunctions__Events__Outbound__", "AiFunctions__Api__", "AiFunctions__Providers__", "AiFunctions__Routes__",
            "AiFunctions__SharedState__", "AiFunctions__Retention__",
        ];
        Assert.All(Values.Select(v => v.Key), name =>
            Assert.True(platform.Contains(name) || sections.Any(s => name.StartsWith(s, StringComparison.Ordinal)), $"{name} is not read by the app."));
    }

    [GeneratedRegex(@"\b(AiFunctions__[A-Za-z0-9_]+)\s*:")]
    private static partial Regex AppSettingName();

    [GeneratedRegex("[A-Za-z0-9+/]{32,}")]
    private static partial Regex LongOpaqueToken();
}
