using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Providers.Ollama;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Xunit;

namespace AiFunctions.Providers.Tests.Conformance;

public sealed class OllamaConformanceTests : ProviderConformanceTests
{
    protected override ConformanceConfiguration Configuration { get; } = new(
        "ollama", "llama-test", "embed-test",
        fake => [new("Endpoint", fake!.ToString())]);

    protected override void AddPlugin(AiKernelBuilder kernel) => kernel.AddOllamaProvider();

    protected override ProviderWire CreateWire() => new OllamaWire();

    /// <summary>Ollama itself sends none, but a proxy in front of it may; the plugin honours plain Retry-After.</summary>
    protected override (IReadOnlyDictionary<string, string> Headers, TimeSpan Delay) RateLimitReply =>
        (new Dictionary<string, string> { ["Retry-After"] = "1" }, TimeSpan.FromSeconds(1));

    protected override void AssertWireRequest(RecordedRequest request)
    {
        Assert.Matches("^/api/(chat|embed)$", request.Path);
        Assert.Null(request.Header("Authorization"));
    }
}
