using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.LoadHarness;

/// <summary>
/// A provider plugin that stands in for a model endpoint: every screening call waits <c>latency</c> and at most
/// <c>concurrency</c> calls run at once (further calls queue, as on a provider's concurrency limit). Its answers are
/// valid assessments (verbatim evidence from the resume) produced with negligible CPU, so the run is provider-bound.
/// </summary>
internal sealed class FakeLatencyPlugin(TimeSpan latency, int concurrency) : IProviderPlugin
{
    public const string PluginId = "fake-latency";

    public FakeProviderStats Stats { get; } = new(concurrency);

    public PluginManifest Manifest { get; } = new(
        PluginId, "Fixed-latency fake (load harness)", new Version(1, 0, 0), ContractRange.Major1,
        ProviderCapabilities.NativeFunctions, IsGenerative: false, "Waits a fixed latency per call under a concurrency limit; for load tests only.");

    public void RegisterInstance(ProviderInstanceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scorer = new FakeScorer(latency, Stats);
        context.Services.AddKeyedSingleton<INativeAiFunction<ScreeningInput, ScreeningAssessment>>(context.InstanceKey, scorer);
    }
}
