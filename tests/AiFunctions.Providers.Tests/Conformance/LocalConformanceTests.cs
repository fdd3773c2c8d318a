using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Functions;
using AiFunctions.Providers.Local;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Providers.Tests.Conformance;

/// <summary>
/// The offline Local plugin: no wire (the kit checks that chat is refused at once instead of running the wire
/// faults), 384-dimension MiniLM embeddings, and a native HR function through the invoker. One kernel is shared
/// by all its tests (<see cref="LocalConformanceFixture"/>) because loading the model takes seconds.
/// </summary>
public sealed class LocalConformanceTests(LocalConformanceFixture fixture) : ProviderConformanceTests, IClassFixture<LocalConformanceFixture>
{
    protected override ConformanceConfiguration Configuration => LocalConformanceFixture.Configuration;

    protected override void AddPlugin(AiKernelBuilder kernel) => kernel.AddLocalProvider();

    protected override ProviderWire? CreateWire() => null;

    protected override void AssertWireRequest(RecordedRequest request) =>
        Assert.Fail("The Local plugin has no wire; nothing should have been sent.");

    protected override int ExpectedEmbeddingDimensions => 384;

    protected override IServiceProvider? SharedServices => fixture.Services;

    protected override async Task<AiFunctionProvenance> InvokeNativeFunctionAsync(IAiFunctionInvoker invoker)
    {
        var request = new JobDescriptionRequest(
            "Payroll Specialist", "Finance", "Leeds (hybrid)", "Full-time",
            ["Run the monthly payroll", "Answer employees' payroll questions"],
            ["Two years of payroll experience"],
            ["Experience with a payroll system"]);

        var result = await invoker.InvokeAsync(new JobDescriptionDraftFunction(), request);

        Assert.Equal(LocalModels.HrRules, result.Provenance.Model);
        Assert.Equal(1, result.Provenance.Attempts);
        Assert.Equal(0, result.Usage.TotalTokens);
        return result.Provenance;
    }
}

/// <summary>One kernel with the Local plugin (and its MiniLM model, loaded on first use) for all Local conformance tests.</summary>
public sealed class LocalConformanceFixture : IDisposable
{
    public static readonly ConformanceConfiguration Configuration = new("local", LocalModels.HrRules, LocalModels.MiniLM, _ => []);

    private readonly ServiceProvider _services;

    public LocalConformanceFixture()
    {
        var extra = new List<KeyValuePair<string, string?>>();
        ConformanceConfiguration.AddRoute(extra, HrFunctions.HrRoutes.Drafting, [ConformanceSetup.Primary], LocalModels.HrRules, maxRetries: 0, timeout: TimeSpan.FromSeconds(30));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiKernel(Configuration.Build(null, null, extra: extra), kernel => kernel.AddLocalProvider());
        _services = services.BuildServiceProvider();
    }

    public IServiceProvider Services => _services;

    public void Dispose() => _services.Dispose();
}
