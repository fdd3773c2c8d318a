using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.Host.Tests.Unit;

/// <summary>Start-up refuses key settings that are clear text, weak or incomplete, naming the setting.</summary>
public sealed class AuthSettingsTests
{
    [Theory]
    [InlineData("AiFunctions:Auth:ApiKeys:portal:KeyHash", "my-clear-text-key-0123456789abcdef", "AiFunctions:Auth:ApiKeys:portal:KeyHash is not a SHA-256 hash")]
    [InlineData("AiFunctions:Auth:ApiKeys:portal:KeyHash", "sha256:1234", "AiFunctions:Auth:ApiKeys:portal:KeyHash is not a SHA-256 hash")]
    [InlineData("AiFunctions:Auth:ApiKeys:portal:KeyHash", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "hash of an empty key")]
    [InlineData("AiFunctions:Auth:ApiKeys:portal:Tenant", "../other", "AiFunctions:Auth:ApiKeys:portal:Tenant")]
    [InlineData("AiFunctions:Auth:ApiKeys:portal:Roles:0", "Admin", "AiFunctions:Auth:ApiKeys:portal:Roles")]
    [InlineData("AiFunctions:Api:ApiKeys:0", "legacy-clear-text-key-0123456789", "AiFunctions:Api:ApiKeys holds clear-text API keys")]
    [InlineData("AiFunctions:Auth:Jwt:Authority", "http://issuer.example/", "AiFunctions:Auth:Jwt:Authority")]
    public void A_bad_key_setting_stops_start_up_naming_it(string setting, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Auth:ApiKeys:portal:KeyHash"] = ApiKeyHash.Compute("portal-key-0123456789abcdef0123456789"),
            ["AiFunctions:Auth:ApiKeys:portal:Tenant"] = "contoso",
            ["AiFunctions:Auth:ApiKeys:portal:Roles:0"] = "Submitter",
            [setting] = value,
        }).Build();
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        var result = new AuthOptionsValidation(configuration).Validate(null, options);

        Assert.True(result.Failed);
        var message = result.FailureMessage;
        Assert.Contains(expected, message, StringComparison.Ordinal);
        if (!value.StartsWith("sha256:", StringComparison.Ordinal) && (setting.EndsWith("KeyHash", StringComparison.Ordinal) || setting.Contains("Api:ApiKeys", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(value, message, StringComparison.Ordinal); // a key is never echoed
        }
    }

    [Fact]
    public void A_valid_configuration_passes()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Auth:ApiKeys:portal:KeyHash"] = ApiKeyHash.Compute("portal-key-0123456789abcdef0123456789"),
            ["AiFunctions:Auth:ApiKeys:portal:Tenant"] = "contoso",
            ["AiFunctions:Auth:ApiKeys:portal:Roles:0"] = "Submitter",
            ["AiFunctions:Auth:Jwt:Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
            ["AiFunctions:Auth:Jwt:Audiences:0"] = "api://aifunctions",
        }).Build();
        Assert.True(new AuthOptionsValidation(configuration).Validate(null, configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()!).Succeeded);
    }

    [Fact]
    public void No_caller_configured_stops_start_up_naming_the_settings()
    {
        using var factory = new SettingsFactory(new Dictionary<string, string?>());
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("AiFunctions:Auth:ApiKeys", failure.ToString(), StringComparison.Ordinal);
    }

    private sealed class SettingsFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("AiFunctions:Durable:Backend", "InMemory");
            builder.UseSetting("AiFunctions:Storage:Store", "InMemory");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
