using AiFunctions.Kernel.Errors;
using AiFunctions.Providers.Anthropic;
using AiFunctions.Providers.AzureOpenAI;
using AiFunctions.Providers.Ollama;
using AiFunctions.Providers.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace AiFunctions.Providers.Tests.Plugins;

/// <summary>Start-up errors name the setting and the fix; valid variants register.</summary>
public sealed class PluginSettingsTests
{
    private static AiKernelConfigurationException Fails(Action register) => Assert.Throws<AiKernelConfigurationException>(register);

    [Fact]
    public void OpenAI_WithoutEndpoint_RequiresApiKey()
    {
        var error = Fails(() => PluginSettings.Register(new OpenAIProviderPlugin(), ("Models:0", "gpt-4o-mini")));
        Assert.Contains("AiFunctions:Providers:test:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.mistral.ai")]
    [InlineData("http://localhost:1234/")]
    public void OpenAI_EndpointWithoutVersionPath_IsRefused(string endpoint)
    {
        var error = Fails(() => PluginSettings.Register(new OpenAIProviderPlugin(), ("Endpoint", endpoint), ("ApiKey", "k"), ("Models:0", "m")));
        Assert.Contains("AiFunctions:Providers:test:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("/v1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.mistral.ai/v1")]
    [InlineData("https://generativelanguage.googleapis.com/v1beta/openai/")]
    [InlineData("http://localhost:8000/v1")]
    public void OpenAI_CompatibleEndpoints_Register(string endpoint)
    {
        using var services = PluginSettings.Register(new OpenAIProviderPlugin(), ("Endpoint", endpoint), ("ApiKey", "k"), ("Models:0", "m"));
        Assert.NotNull(services.Chat("m"));
    }

    [Fact]
    public void OpenAI_NetworkTimeoutThatIsNotATimeSpan_IsRefused()
    {
        var error = Fails(() => PluginSettings.Register(new OpenAIProviderPlugin(), ("ApiKey", "k"), ("Models:0", "m"), ("NetworkTimeout", "30s")));
        Assert.Contains("AiFunctions:Providers:test:NetworkTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_WithNeitherKeyNorIdentity_SaysBothWays()
    {
        var error = Fails(() => PluginSettings.Register(new AzureOpenAIProviderPlugin(), ("Endpoint", "https://r.openai.azure.com/"), ("Models:0", "d")));
        Assert.Contains("AiFunctions:Providers:test:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseManagedIdentity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_WithKeyAndIdentity_AsksToChooseOne()
    {
        var error = Fails(() => PluginSettings.Register(new AzureOpenAIProviderPlugin(),
            ("Endpoint", "https://r.openai.azure.com/"), ("Models:0", "d"), ("ApiKey", "k"), ("UseManagedIdentity", "true")));
        Assert.Contains("Choose one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_RequiresEndpoint()
    {
        var error = Fails(() => PluginSettings.Register(new AzureOpenAIProviderPlugin(), ("ApiKey", "k"), ("Models:0", "d")));
        Assert.Contains("AiFunctions:Providers:test:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_UnknownApiVersion_ListsTheSupportedOnes()
    {
        var error = Fails(() => PluginSettings.Register(new AzureOpenAIProviderPlugin(),
            ("Endpoint", "https://r.openai.azure.com/"), ("Models:0", "d"), ("ApiKey", "k"), ("ApiVersion", "2099-01-01")));
        Assert.Contains("AiFunctions:Providers:test:ApiVersion", error.Message, StringComparison.Ordinal);
        Assert.Contains("2024-10-21", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_ManagedIdentity_UsesTheUserAssignedIdentityWhenAClientIdIsGiven()
    {
        using var services = PluginSettings.Register(new AzureOpenAIProviderPlugin(),
            ("Endpoint", "https://r.openai.azure.com/"), ("Models:0", "d"), ("UseManagedIdentity", "true"), ("ManagedIdentityClientId", "00000000-0000-0000-0000-000000000001"));
        Assert.NotNull(services.Chat("d"));

        var context = Context(("UseManagedIdentity", "true"), ("ManagedIdentityClientId", "00000000-0000-0000-0000-000000000001"));
        Assert.IsType<ManagedIdentityCredential>(AzureOpenAICredentials.Read(context).TokenCredential);
        Assert.IsType<DefaultAzureCredential>(AzureOpenAICredentials.Read(Context(("UseManagedIdentity", "true"))).TokenCredential);
        Assert.Null(AzureOpenAICredentials.Read(Context(("ApiKey", "k"))).TokenCredential);
    }

    [Fact]
    public void Azure_UseManagedIdentityThatIsNotABoolean_IsRefused()
    {
        var error = Assert.Throws<AiKernelConfigurationException>(() => AzureOpenAICredentials.Read(Context(("UseManagedIdentity", "yes"))));
        Assert.Contains("AiFunctions:Providers:test:UseManagedIdentity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Anthropic_RequiresApiKey_AndAPositiveMaxOutputTokens()
    {
        Assert.Contains("AiFunctions:Providers:test:ApiKey", Fails(() => PluginSettings.Register(new AnthropicProviderPlugin(), ("Models:0", "c"))).Message, StringComparison.Ordinal);
        Assert.Contains("AiFunctions:Providers:test:MaxOutputTokens",
            Fails(() => PluginSettings.Register(new AnthropicProviderPlugin(), ("ApiKey", "k"), ("Models:0", "c"), ("MaxOutputTokens", "0"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ollama_DefaultsTheEndpoint_ButRefusesABadOne()
    {
        using var services = PluginSettings.Register(new OllamaProviderPlugin(), ("Models:0", "llama3.2"));
        Assert.NotNull(services.Chat("llama3.2"));
        var error = Fails(() => PluginSettings.Register(new OllamaProviderPlugin(), ("Models:0", "llama3.2"), ("Endpoint", "localhost:11434")));
        Assert.Contains("AiFunctions:Providers:test:Endpoint", error.Message, StringComparison.Ordinal);
    }

    private static Kernel.Plugins.ProviderInstanceContext Context(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"AiFunctions:Providers:test:{s.Key}", s.Value)))
            .Build();
        return new Kernel.Plugins.ProviderInstanceContext("test", new AzureOpenAIProviderPlugin().Manifest,
            configuration.GetSection("AiFunctions:Providers:test"), new Microsoft.Extensions.DependencyInjection.ServiceCollection());
    }
}
