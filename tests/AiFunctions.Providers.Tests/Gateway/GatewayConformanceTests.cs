using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Providers.OpenAI;
using AiFunctions.Providers.Tests.Conformance;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using AiFunctions.Providers.Tests.Conformance.Wires;
using Xunit;

namespace AiFunctions.Providers.Tests.Gateway;

/// <summary>
/// The kernel through the kernel: the conformance kit drives the project's own <c>openai</c> plugin, whose two
/// instances point at two AiFunctions gateways (/v1 on loopback Kestrel), each a kernel whose routes (named after the
/// kit's models) call one of the kit's fake OpenAI servers. Every scenario the kit scripts on the fakes (errors,
/// Retry-After, content filter, malformed answers, cut streams, timeouts, tool calls, JSON schema) must come out of
/// the gateway so that the outer plugin sees what it would have seen from OpenAI itself.
/// </summary>
public sealed class GatewayConformanceTests : ProviderConformanceTests
{
    private const string Key = "sk-conformance";
    private GatewayServer? _primaryGateway;
    private GatewayServer? _secondaryGateway;

    protected override ConformanceConfiguration Configuration { get; } = new(
        "openai", "gpt-test", "text-embedding-test",
        endpoint => [new("Endpoint", new Uri(endpoint!, "v1").ToString()), new("ApiKey", Key)]);

    protected override void AddPlugin(AiKernelBuilder kernel) => kernel.AddOpenAIProvider();

    protected override ProviderWire CreateWire() => new OpenAIWire();

    protected override void AssertWireRequest(RecordedRequest request)
    {
        // What reached the fake came from the gateway's own openai instance.
        Assert.Matches("^/v1/(chat/completions|embeddings)$", request.Path);
        Assert.Equal("Bearer sk-upstream", request.Header("Authorization"));
    }

    protected override async Task<(Uri? Primary, Uri? Secondary)> StartEndpointsAsync(FakeProviderServer? primary, FakeProviderServer? secondary)
    {
        _primaryGateway = await StartGatewayAsync(primary!);
        _secondaryGateway = await StartGatewayAsync(secondary!);
        return (_primaryGateway.BaseAddress, _secondaryGateway.BaseAddress);
    }

    protected override async Task StopEndpointsAsync()
    {
        foreach (var gateway in new[] { _primaryGateway, _secondaryGateway })
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }
        }
    }

    /// <summary>A gateway whose routes are transparent: one target, no retries, a long timeout, no redaction.</summary>
    private static Task<GatewayServer> StartGatewayAsync(FakeProviderServer fake) => GatewayServer.StartAsync(
    [
        .. GatewayServer.Upstream(fake.BaseAddress),
        .. GatewayServer.Route("gpt-test", "gpt-test"),
        .. GatewayServer.Route("text-embedding-test", "text-embedding-test"),
        .. GatewayServer.App("conformance-kit", Key, "conformance", "*"),
    ]);

    // ---- where a gateway rightly differs from a provider --------------------------------------------------------
    // A gateway reports what went wrong behind it as its own 5xx: the caller's key was accepted, so an upstream 401 is
    // not the caller's 401, and an unreadable or failing upstream answer is "bad gateway" / "unavailable", which the
    // outer plugin classifies by status (Unavailable) and retries once on the same gateway before failing over.

    [Fact]
    public override async Task Unauthorized_FailsAtOnceWithAClearError()
    {
        PrimaryFake!.DefaultReply = new FakeReply.Error(401);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RouteChat(ConformanceSetup.ChatRoute).GetResponseAsync(Question));

        var failure = ConformanceAssert.Chain(error).OfType<Kernel.Errors.ProviderException>().First();
        Assert.Equal(502, failure.StatusCode);
        Assert.Equal(Kernel.Errors.AiFailureReason.Unavailable, failure.Reason);
        Assert.InRange(PrimaryFake.RequestCount, 1, 2); // never a retry storm: at most the outer route's one retry
    }

    [Fact]
    public override async Task MalformedBody_FailsOverToTheSecondInstanceWithoutRetryingTheFirst()
    {
        PrimaryFake!.DefaultReply = new FakeReply.Malformed();

        var response = await RouteChat(ConformanceSetup.FailoverRoute).GetResponseAsync(Question);

        Assert.Equal("Hello from the fake provider.", response.Text);
        Assert.InRange(PrimaryFake.RequestCount, 1, 2); // the gateway's 503 is retried once by the outer route
        Assert.Equal(1, SecondaryFake!.RequestCount);
    }

    [Fact]
    public override async Task Plugin_500_IsUnavailable_AndTheSdkDoesNotRetry()
    {
        PrimaryFake!.DefaultReply = new FakeReply.Error(500);

        var error = await Assert.ThrowsAsync<Kernel.Errors.ProviderException>(() => PluginChat.GetResponseAsync(Question));

        Assert.Equal(Kernel.Errors.AiFailureReason.Unavailable, error.Reason);
        Assert.Equal(503, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.NotNull(error.RetryAfter);
        Assert.Equal(1, PrimaryFake.RequestCount);
    }

    [Fact]
    public override async Task Plugin_MalformedBody_IsMalformedResponse()
    {
        PrimaryFake!.DefaultReply = new FakeReply.Malformed();

        var error = await Assert.ThrowsAsync<Kernel.Errors.ProviderException>(() => PluginChat.GetResponseAsync(Question));

        Assert.Equal(Kernel.Errors.AiFailureReason.Unavailable, error.Reason);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, PrimaryFake.RequestCount);
    }
}
