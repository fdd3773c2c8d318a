using AiFunctions.HrFunctions.Drafting;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Routing;
using AiFunctions.Providers.Local;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Providers.Tests.Local;

/// <summary>The offline default configuration, end to end through the kernel: AddAiKernel + AddLocalProvider + routes.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class LocalThroughKernelTests(MiniLmFixture fixture)
{
    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiFunctions:Providers:local:Plugin"] = "local",
            ["AiFunctions:Providers:local:Models:0"] = LocalModels.HrRules,
            ["AiFunctions:Providers:local:Models:1"] = LocalModels.MiniLM,
            ["AiFunctions:Providers:local:PresentDate"] = "2024-03-01",
            ["AiFunctions:Routes:screening:Targets:0:Provider"] = "local",
            ["AiFunctions:Routes:screening:Targets:0:Model"] = LocalModels.HrRules,
            ["AiFunctions:Routes:drafting:Targets:0:Provider"] = "local",
            ["AiFunctions:Routes:drafting:Targets:0:Model"] = LocalModels.HrRules,
            ["AiFunctions:Routes:embedding:Targets:0:Provider"] = "local",
            ["AiFunctions:Routes:embedding:Targets:0:Model"] = LocalModels.MiniLM,
            ["AiFunctions:Routes:chat:Targets:0:Provider"] = "local",
            ["AiFunctions:Routes:chat:Targets:0:Model"] = LocalModels.HrRules,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(fixture.Encoder);
        services.AddAiKernel(configuration, kernel => kernel.AddLocalProvider());
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Screening_runs_natively_and_the_provenance_says_it_was_not_generative()
    {
        using var services = Build();
        var invoker = services.GetRequiredService<IAiFunctionInvoker>();
        var input = SampleData.Input(SampleData.SoftwareEngineer, SampleData.WithName(SampleData.Get(SampleData.SoftwareEngineer).Resumes[3], "Robin Smith"));

        var result = await invoker.InvokeAsync(new ResumeScreeningFunction(), input);

        Assert.Equal("hr.screen-resume", result.Provenance.Function);
        Assert.Equal("local", result.Provenance.Plugin);
        Assert.Equal(LocalModels.HrRules, result.Provenance.Model);
        Assert.False(result.Provenance.Generative);
        Assert.Equal(4, result.Output.Criteria.Count);
        Assert.Empty(new ResumeScreeningFunction().Validate(input, result.Output));
    }

    [Fact]
    public async Task Drafting_runs_natively_through_the_kernel()
    {
        using var services = Build();
        var request = new JobDescriptionRequest("Nurse", "Surgery", "Utrecht", "Full-time", ["Care for patients before and after surgery"], ["BIG registration"], []);

        var result = await services.GetRequiredService<IAiFunctionInvoker>().InvokeAsync(new JobDescriptionDraftFunction(), request);

        Assert.False(result.Provenance.Generative);
        Assert.Contains("not by a generative model", result.Output.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedding_route_gives_MiniLM_vectors()
    {
        using var services = Build();
        var generator = services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(RouteKeys.Embeddings("embedding"));

        var result = await generator.GenerateAsync(["Registered nurse with ICU experience"]);

        Assert.Equal(384, result[0].Vector.Length);
    }

    [Fact]
    public async Task A_chat_route_on_Local_fails_with_a_clear_not_supported_error()
    {
        using var services = Build();
        var chat = services.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat("chat"));

        var error = await Record.ExceptionAsync(() => chat.GetResponseAsync("Hello"));

        Assert.NotNull(error);
        var provider = error as ProviderException ?? error!.InnerException as ProviderException;
        Assert.NotNull(provider);
        Assert.Equal(AiFailureReason.NotSupported, provider!.Reason);
        Assert.Contains("not a generative model", error!.ToString(), StringComparison.Ordinal);
    }
}
