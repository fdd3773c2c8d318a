using AiFunctions.Console.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFunctions.Console.Tests.Components;

/// <summary>A bad console setting stops start-up with a message naming the setting and the fix.</summary>
public sealed class ConsoleOptionsTests
{
    [Theory]
    [InlineData(null, "AiFunctions:Console:ApiBaseUrl is missing")]
    [InlineData("not a url", "AiFunctions:Console:ApiBaseUrl 'not a url' is not an absolute http or https URL")]
    [InlineData("ftp://host/", "AiFunctions:Console:ApiBaseUrl 'ftp://host/' is not an absolute http or https URL")]
    public void A_bad_api_base_url_fails_naming_the_setting(string? url, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(new() { ["AiFunctions:Console:ApiBaseUrl"] = url }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entra_sign_in_without_its_app_registration_fails_naming_each_missing_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(new()
        {
            ["AiFunctions:Console:ApiBaseUrl"] = "https://api.example/",
            ["AiFunctions:Console:SignIn"] = "EntraId",
        }));
        Assert.Contains("AiFunctions:Console:ApiScope is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureAd:ClientId is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureAd:TenantId is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refresh_interval_out_of_range_fails_naming_the_setting_and_the_range()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build(new()
        {
            ["AiFunctions:Console:ApiBaseUrl"] = "http://127.0.0.1:5000",
            ["AiFunctions:Console:RefreshInterval"] = "00:00:00.010",
        }));
        Assert.Contains("AiFunctions:Console:RefreshInterval '00:00:00.0100000' is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_configuration_registers_and_normalises_the_base_url()
    {
        var services = Build(new() { ["AiFunctions:Console:ApiBaseUrl"] = "http://127.0.0.1:5000" });
        using var provider = services.BuildServiceProvider();
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), provider.GetRequiredService<IOptions<ConsoleOptions>>().Value.ApiBaseUri);
    }

    private static ServiceCollection Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOperatorConsole(configuration);
        return services;
    }
}
