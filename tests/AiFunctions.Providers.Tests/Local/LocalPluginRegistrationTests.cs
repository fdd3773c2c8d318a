using AiFunctions.HrFunctions.Drafting;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Plugins;
using AiFunctions.Providers.Local;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Providers.Tests.Local;

[Collection(MiniLmCollection.Name)]
public sealed class LocalPluginRegistrationTests(MiniLmFixture fixture)
{
    [Fact]
    public void Manifest_says_plainly_that_it_is_not_generative()
    {
        var manifest = new LocalProviderPlugin().Manifest;

        Assert.Equal("local", manifest.Id);
        Assert.Equal(new Version(1, 0, 0), manifest.PluginVersion);
        Assert.False(manifest.IsGenerative);
        Assert.Equal(ProviderCapabilities.Embeddings | ProviderCapabilities.NativeFunctions, manifest.Capabilities);
        Assert.False(manifest.Supports(ProviderCapabilities.Chat));
        Assert.True(manifest.SupportedContract.Includes(KernelContract.Current));
        Assert.Contains("Not a generative model", manifest.Description, StringComparison.Ordinal);
        Assert.Contains(LocalModels.MiniLM, manifest.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_configured_models_both_models_and_both_native_functions_are_registered()
    {
        using var services = LocalPluginHarness.Build(fixture.Encoder);
        var instance = LocalPluginHarness.Instance;

        Assert.NotNull(services.GetKeyedService<IChatClient>(ProviderKeys.Chat(instance, LocalModels.HrRules)));
        Assert.NotNull(services.GetKeyedService<IChatClient>(ProviderKeys.Chat(instance, LocalModels.MiniLM)));
        Assert.NotNull(services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(ProviderKeys.Embeddings(instance, LocalModels.MiniLM)));
        Assert.Equal("hr.screen-resume", services.GetRequiredKeyedService<INativeAiFunction<ScreeningInput, ScreeningAssessment>>(instance).FunctionName);
        Assert.Equal("hr.draft-job-description", services.GetRequiredKeyedService<INativeAiFunction<JobDescriptionRequest, JobDescriptionDraft>>(instance).FunctionName);
    }

    [Fact]
    public void An_embeddings_only_instance_registers_no_native_functions()
    {
        using var services = LocalPluginHarness.Build(fixture.Encoder, new Dictionary<string, string?> { ["Models:0"] = LocalModels.MiniLM });

        Assert.NotNull(services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(ProviderKeys.Embeddings(LocalPluginHarness.Instance, LocalModels.MiniLM)));
        Assert.Null(services.GetKeyedService<INativeAiFunction<ScreeningInput, ScreeningAssessment>>(LocalPluginHarness.Instance));
        Assert.Null(services.GetKeyedService<IChatClient>(ProviderKeys.Chat(LocalPluginHarness.Instance, LocalModels.HrRules)));
    }

    [Fact]
    public void A_model_the_plugin_does_not_serve_fails_start_up_naming_the_setting()
    {
        var error = Assert.Throws<AiKernelConfigurationException>(() =>
            LocalPluginHarness.Build(fixture.Encoder, new Dictionary<string, string?> { ["Models:0"] = "gpt-4o" }));

        Assert.Contains("AiFunctions:Providers:local-test:Models", error.Message, StringComparison.Ordinal);
        Assert.Contains("'gpt-4o'", error.Message, StringComparison.Ordinal);
        Assert.Contains(LocalModels.HrRules, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_present_date_fails_start_up_naming_the_setting()
    {
        var error = Assert.Throws<AiKernelConfigurationException>(() =>
            LocalPluginHarness.Build(fixture.Encoder, new Dictionary<string, string?> { ["PresentDate"] = "last year" }));

        Assert.Contains("AiFunctions:Providers:local-test:PresentDate", error.Message, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLocalProvider_adds_the_plugin_under_its_id()
    {
        var builder = new AiFunctions.Kernel.DependencyInjection.AiKernelBuilder(new ServiceCollection(), new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());

        builder.AddLocalProvider();

        Assert.IsType<LocalProviderPlugin>(builder.Plugins["local"]);
    }
}
