using AiFunctions.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace AiFunctions.Host.Tests.Unit;

public sealed class OfflineDefaultsTests
{
    [Fact]
    public void An_empty_configuration_gets_the_local_provider_and_three_routes()
    {
        var config = OfflineDefaults.Layer(new ConfigurationBuilder().Build());
        Assert.Equal("local", config["AiFunctions:Providers:local:Plugin"]);
        Assert.Equal("hr-rules-v1", config["AiFunctions:Routes:screening:Targets:0:Model"]);
        Assert.Equal("hr-rules-v1", config["AiFunctions:Routes:drafting:Targets:0:Model"]);
        Assert.Equal("all-MiniLM-L6-v2", config["AiFunctions:Routes:embedding:Targets:0:Model"]);
    }

    [Fact]
    public void Environment_style_keys_move_one_route_and_leave_the_others_local()
    {
        var host = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Providers:azure:Plugin"] = "azure-openai",
            ["AiFunctions:Routes:screening:Targets:0:Provider"] = "azure",
            ["AiFunctions:Routes:screening:Targets:0:Model"] = "gpt-4o-mini",
        }).Build();
        var config = OfflineDefaults.Layer(host);
        Assert.Equal("azure", config["AiFunctions:Routes:screening:Targets:0:Provider"]);
        Assert.Equal("gpt-4o-mini", config["AiFunctions:Routes:screening:Targets:0:Model"]);
        Assert.Equal("local", config["AiFunctions:Routes:drafting:Targets:0:Provider"]);
        Assert.Equal("azure-openai", config["AiFunctions:Providers:azure:Plugin"]);
    }

    [Fact]
    public void The_layer_sits_under_every_other_source_of_a_builder()
    {
        var builder = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Routes:drafting:Targets:0:Model"] = "other-model",
        });
        builder.AddAiFunctionsOfflineDefaults().AddAiFunctionsOfflineDefaults();
        var config = builder.Build();
        Assert.Equal("other-model", config["AiFunctions:Routes:drafting:Targets:0:Model"]);
        Assert.Equal("local", config["AiFunctions:Routes:drafting:Targets:0:Provider"]);
        Assert.Equal(2, builder.Sources.Count);
    }

    [Fact]
    public void Switching_the_layer_off_leaves_the_configuration_as_it_is()
    {
        var host = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [OfflineDefaults.SwitchKey] = "false" }).Build();
        Assert.Null(OfflineDefaults.Layer(host)["AiFunctions:Providers:local:Plugin"]);
    }

    [Fact]
    public void A_switch_that_is_not_a_boolean_fails_naming_the_setting()
    {
        var host = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [OfflineDefaults.SwitchKey] = "maybe" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => OfflineDefaults.Layer(host));
        Assert.Contains(OfflineDefaults.SwitchKey, error.Message, StringComparison.Ordinal);
    }
}
