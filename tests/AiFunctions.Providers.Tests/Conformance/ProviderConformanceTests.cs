using System.Diagnostics;
using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.DependencyInjection;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Plugins;
using AiFunctions.Kernel.Routing;
using AiFunctions.Providers.Tests.Conformance.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static AiFunctions.Providers.Tests.Conformance.ConformanceSetup;

namespace AiFunctions.Providers.Tests.Conformance;

/// <summary>
/// The plugin conformance kit. A plugin passes by adding one small class that derives from this and says: how to
/// add the plugin to the kernel, its wire (a loopback fake speaking the provider's format; null for a plugin with no
/// wire), the models to use and the instance settings that point at the fake. The kit then drives the real SDK
/// twice: directly through the keyed client the plugin registered (exact error translation) and through the kernel
/// (routes, resilience, invoker, accounting). Scenarios a plugin's manifest does not claim are asserted to fail
/// with a clear NotSupported error; wire faults are checked only for plugins that have a wire.
/// </summary>
public abstract class ProviderConformanceTests : IAsyncLifetime
{
    private ServiceProvider? _ownedServices;

    /// <summary>The two loopback fakes (primary and secondary instance); null for a plugin with no wire.</summary>
    protected FakeProviderServer? PrimaryFake { get; private set; }

    protected FakeProviderServer? SecondaryFake { get; private set; }

    protected IServiceProvider Services { get; private set; } = null!;

    // ---- what a plugin's conformance class supplies -------------------------------------------------------------

    /// <summary>Adds the plugin through its builder extension, e.g. <c>kernel.AddOpenAIProvider()</c>.</summary>
    protected abstract void AddPlugin(AiKernelBuilder kernel);

    protected abstract ConformanceConfiguration Configuration { get; }

    /// <summary>The provider's wire format for the fakes; null when the plugin talks to no service (Local).</summary>
    protected abstract ProviderWire? CreateWire();

    /// <summary>Asserts the request went to the provider's path with its way of authenticating.</summary>
    protected abstract void AssertWireRequest(RecordedRequest request);

    /// <summary>Headers of the kit's 429 and the delay they ask for (kept short: the kit measures it).</summary>
    protected virtual (IReadOnlyDictionary<string, string> Headers, TimeSpan Delay) RateLimitReply =>
        (new Dictionary<string, string> { ["retry-after-ms"] = "300" }, TimeSpan.FromMilliseconds(300));

    protected virtual int ExpectedEmbeddingDimensions => ProviderWire.EmbeddingDimensions;

    /// <summary>For plugins with <see cref="ProviderCapabilities.NativeFunctions"/>: runs one of its native functions through the invoker.</summary>
    protected virtual Task<AiFunctionProvenance> InvokeNativeFunctionAsync(IAiFunctionInvoker invoker) =>
        throw new InvalidOperationException($"The manifest claims NativeFunctions: override {nameof(InvokeNativeFunctionAsync)} to run one.");

    /// <summary>A kernel the subclass shares across tests (expensive plugins); built with <see cref="ConformanceConfiguration.Build"/>.</summary>
    protected virtual IServiceProvider? SharedServices => null;

    // ---- set-up --------------------------------------------------------------------------------------------------

    protected PluginManifest Manifest => Services.GetRequiredService<Kernel.Registry.IProviderRegistry>().GetInstance(Primary).Plugin;

    protected bool HasWire => PrimaryFake is not null;

    /// <summary>Where the primary and secondary instances are pointed: the fakes themselves, or something in front of them.</summary>
    protected Uri? PrimaryAddress { get; private set; }

    protected Uri? SecondaryAddress { get; private set; }

    /// <summary>
    /// The addresses the plugin's two instances are configured with; by default the fakes'. A subclass may put
    /// something speaking the same wire in front of each fake (the gateway kit runs the openai plugin through the
    /// service's own /v1 endpoint, the kernel through the kernel).
    /// </summary>
    protected virtual Task<(Uri? Primary, Uri? Secondary)> StartEndpointsAsync(FakeProviderServer? primary, FakeProviderServer? secondary) =>
        Task.FromResult((primary?.BaseAddress, secondary?.BaseAddress));

    /// <summary>Stops what <see cref="StartEndpointsAsync"/> started.</summary>
    protected virtual Task StopEndpointsAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        if (CreateWire() is { } wire)
        {
            PrimaryFake = await FakeProviderServer.StartAsync(wire);
            SecondaryFake = await FakeProviderServer.StartAsync(CreateWire()!);
        }

        (PrimaryAddress, SecondaryAddress) = await StartEndpointsAsync(PrimaryFake, SecondaryFake);
        Services = SharedServices ?? (_ownedServices = BuildKernel(Configuration.Build(PrimaryAddress, SecondaryAddress)));
    }

    public async Task DisposeAsync()
    {
        if (_ownedServices is not null)
        {
            await _ownedServices.DisposeAsync();
        }

        await StopEndpointsAsync();
        foreach (var fake in new[] { PrimaryFake, SecondaryFake })
        {
            if (fake is not null)
            {
                await fake.DisposeAsync();
            }
        }
    }

    protected ServiceProvider BuildKernel(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiKernel(configuration, AddPlugin);
        return services.BuildServiceProvider();
    }

    protected IChatClient RouteChat(string route) => Services.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat(route));

    /// <summary>The plugin's own keyed client for the primary instance: no kernel pipeline in between.</summary>
    protected IChatClient PluginChat => Services.GetRequiredKeyedService<IChatClient>(ProviderKeys.Chat(Primary, Configuration.ChatModel));

    protected static List<ChatMessage> Question => [new(ChatRole.User, "Is this a conformance test?")];

    // ---- manifest and registration -------------------------------------------------------------------------------

    [Fact]
    public void Manifest_DeclaresIdVersionContractAndConsistentCapabilities()
    {
        var manifest = Manifest;
        Assert.Equal(Configuration.PluginId, manifest.Id);
        Assert.True(manifest.PluginVersion >= new Version(1, 0, 0), "PluginVersion is the plugin's own SemVer, at least 1.0.0.");
        Assert.True(manifest.SupportedContract.Includes(KernelContract.Current), $"{manifest.Id} must support the current kernel contract {KernelContract.Current}.");
        Assert.False(string.IsNullOrWhiteSpace(manifest.DisplayName));
        Assert.False(string.IsNullOrWhiteSpace(manifest.Description));
        if (manifest.Supports(ProviderCapabilities.Streaming) || manifest.Supports(ProviderCapabilities.JsonSchemaOutput) || manifest.Supports(ProviderCapabilities.ToolCalls))
        {
            Assert.True(manifest.Supports(ProviderCapabilities.Chat), "Streaming, JSON-schema output and tool calls are chat capabilities.");
        }

        Assert.Equal(manifest.Supports(ProviderCapabilities.Chat), manifest.IsGenerative);
        if (!manifest.IsGenerative)
        {
            Assert.Contains("not a generative", manifest.Description, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Registration_AddsKeyedEmbeddingsExactlyWhenTheManifestClaimsThem()
    {
        var generator = Services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(ProviderKeys.Embeddings(Primary, Configuration.EmbeddingModel));
        Assert.Equal(Manifest.Supports(ProviderCapabilities.Embeddings), generator is not null);
    }

    [Fact]
    public void Registration_MissingModels_FailsAtStartUpNamingTheSetting()
    {
        var values = new Dictionary<string, string?> { [$"{AiKernelSections.Providers}:broken:Plugin"] = Configuration.PluginId };
        foreach (var (key, value) in Configuration.InstanceSettings(new Uri("http://127.0.0.1:9/v1")))
        {
            values[$"{AiKernelSections.Providers}:broken:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        var build = () => services.AddAiKernel(configuration, AddPlugin);
        if (Manifest.IsGenerative)
        {
            var error = Assert.Throws<AiKernelConfigurationException>(build);
            Assert.Contains("AiFunctions:Providers:broken:Models", error.Message, StringComparison.Ordinal);
        }
        else
        {
            // A non-generative plugin may default its models; it must then register without error.
            build();
        }
    }

    // ---- through the kernel: the happy paths ----------------------------------------------------------------------

    [Fact]
    public async Task Chat_ReturnsTheProvidersTextThroughTheRoute()
    {
        if (!Manifest.Supports(ProviderCapabilities.Chat))
        {
            var refused = await ConformanceAssert.NotSupportedAsync(() => RouteChat(ChatRoute).GetResponseAsync(Question));
            Assert.Contains(Manifest.Id, refused.ToString(), StringComparison.OrdinalIgnoreCase);
            return;
        }

        var response = await RouteChat(ChatRoute).GetResponseAsync(Question);

        Assert.Equal("Hello from the fake provider.", response.Text);
        var request = Assert.Single(PrimaryFake!.Requests);
        AssertWireRequest(request);
        Assert.False(request.IsStreaming);
    }

    [Fact]
    public async Task Streaming_DeliversTheWholeAnswerThroughTheRoute()
    {
        if (!Manifest.Supports(ProviderCapabilities.Streaming))
        {
            await ConformanceAssert.NotSupportedAsync(async () =>
            {
                await foreach (var update in RouteChat(ChatRoute).GetStreamingResponseAsync(Question))
                {
                    Assert.Fail($"A plugin without streaming produced an update: '{update.Text}'.");
                }
            });
            return;
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in RouteChat(ChatRoute).GetStreamingResponseAsync(Question))
        {
            updates.Add(update);
        }

        Assert.Equal("Hello from the fake provider.", string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 2, "The answer should arrive in more than one update.");
        var request = Assert.Single(PrimaryFake!.Requests);
        AssertWireRequest(request);
        Assert.True(request.IsStreaming);
    }

    [Fact]
    public async Task JsonSchemaOutput_ComesBackTypedThroughTheInvoker_AndTheRequestCarriesTheSchema()
    {
        var invoker = Services.GetRequiredService<IAiFunctionInvoker>();
        if (!Manifest.Supports(ProviderCapabilities.JsonSchemaOutput))
        {
            await ConformanceAssert.NotSupportedAsync(() => invoker.InvokeAsync(new ConformanceAnswerFunction(), "Is it?"));
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Text(ConformanceAnswerFunction.Json);

        var result = await invoker.InvokeAsync(new ConformanceAnswerFunction(), "Is it?");

        Assert.Equal(new ConformanceAnswer("yes", 3), result.Output);
        Assert.Equal(Primary, result.Provenance.ProviderInstance);
        Assert.Equal(Manifest.Id, result.Provenance.Plugin);
        Assert.True(result.Provenance.Generative);
        var request = Assert.Single(PrimaryFake.Requests);
        Assert.True(PrimaryFake.Wire.CarriesJsonSchema(request), "The request should carry the output's JSON schema in the provider's structured-output field.");
        Assert.Contains("score", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_ReachesTheLedger()
    {
        var ledger = Services.GetRequiredService<IUsageLedger>();
        if (!Manifest.Supports(ProviderCapabilities.Chat))
        {
            await ConformanceAssert.NotSupportedAsync(() => RouteChat(ChatRoute).GetResponseAsync(Question));
            Assert.Equal(0, ledger.Total.TotalTokens);
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Text(ConformanceAnswerFunction.Json);
        var result = await Services.GetRequiredService<IAiFunctionInvoker>().InvokeAsync(new ConformanceAnswerFunction(), "Is it?");

        Assert.Equal(ProviderWire.PromptTokens, result.Usage.InputTokens);
        Assert.Equal(ProviderWire.CompletionTokens, result.Usage.OutputTokens);
        var byTarget = ledger.TotalsBy(UsageDimension.Target);
        var target = Assert.Single(byTarget, t => t.Key.Contains(Primary, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(ProviderWire.PromptTokens, target.Value.InputTokens);
        Assert.Equal(ProviderWire.CompletionTokens, target.Value.OutputTokens);

        // A streamed answer's usage (sent at the end of the stream) is accounted too.
        PrimaryFake.DefaultReply = new FakeReply.Text("Hello from the fake provider.");
        await foreach (var _ in RouteChat(ChatRoute).GetStreamingResponseAsync(Question))
        {
        }

        Assert.Equal(2 * ProviderWire.PromptTokens, ledger.Total.InputTokens);
        Assert.Equal(2 * ProviderWire.CompletionTokens, ledger.Total.OutputTokens);
    }

    [Fact]
    public async Task Embeddings_ComeBackThroughTheRoute()
    {
        var generator = Services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(RouteKeys.Embeddings(EmbeddingRoute));
        if (!Manifest.Supports(ProviderCapabilities.Embeddings))
        {
            await ConformanceAssert.NotSupportedAsync(async () =>
            {
                var route = generator ?? throw new ProviderException(AiFailureReason.NotSupported, Primary, "no embedding route client was registered.");
                await route.GenerateAsync(["one"]);
            });
            return;
        }

        Assert.NotNull(generator);
        var embeddings = await generator.GenerateAsync(["first sentence", "second sentence"]);

        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(ExpectedEmbeddingDimensions, e.Vector.Length));
        Assert.NotEqual(embeddings[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
        if (HasWire)
        {
            AssertWireRequest(Assert.Single(PrimaryFake!.Requests));
        }
    }

    [Fact]
    public async Task NativeFunctions_ComeBackThroughTheInvokerWithHonestProvenance()
    {
        var invoker = Services.GetRequiredService<IAiFunctionInvoker>();
        if (!Manifest.Supports(ProviderCapabilities.NativeFunctions))
        {
            // No native implementation: the kit's function is served through chat by the generative model.
            Assert.True(Manifest.IsGenerative, "A plugin with neither chat nor native functions cannot serve AI functions.");
            PrimaryFake!.DefaultReply = new FakeReply.Text(ConformanceAnswerFunction.Json);
            var viaChat = await invoker.InvokeAsync(new ConformanceAnswerFunction(), "Is it?");
            Assert.True(viaChat.Provenance.Generative);
            return;
        }

        var provenance = await InvokeNativeFunctionAsync(invoker);

        Assert.Equal(Manifest.Id, provenance.Plugin);
        Assert.Equal(Manifest.IsGenerative, provenance.Generative);
        Assert.Equal(Manifest.PluginVersion.ToString(), provenance.PluginVersion);
    }

    [Fact]
    public async Task ToolCalls_ComeBackAsFunctionCalls()
    {
        var tool = AIFunctionFactory.Create((int employeeId) => $"employee {employeeId}", "lookup_employee", "Looks an employee up by id.");
        var options = new ChatOptions { Tools = [tool] };
        if (!Manifest.Supports(ProviderCapabilities.ToolCalls))
        {
            await ConformanceAssert.NotSupportedAsync(() => RouteChat(ChatRoute).GetResponseAsync(Question, options));
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.ToolCall("lookup_employee", "{\"employeeId\":42}");

        var response = await RouteChat(ChatRoute).GetResponseAsync(Question, options);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("lookup_employee", call.Name);
        Assert.Equal("42", call.Arguments!["employeeId"]!.ToString());
        Assert.True(PrimaryFake.Wire.OffersTool(Assert.Single(PrimaryFake.Requests), "lookup_employee"), "The request should offer the tool to the model.");
    }

    // ---- through the kernel: wire faults --------------------------------------------------------------------------

    [Fact]
    public async Task RateLimited_IsRetriedAfterTheProvidersDelay()
    {
        if (await NoWireAsync())
        {
            return;
        }

        var (headers, delay) = RateLimitReply;
        PrimaryFake!.Enqueue(new FakeReply.Error(429, headers));

        var response = await RouteChat(ChatRoute).GetResponseAsync(Question);

        Assert.Equal("Hello from the fake provider.", response.Text);
        var requests = PrimaryFake.Requests;
        Assert.Equal(2, requests.Count);
        var gap = requests[1].ReceivedAt - requests[0].ReceivedAt;
        Assert.True(gap >= delay - TimeSpan.FromMilliseconds(60), $"The retry came {gap.TotalMilliseconds:0} ms after the 429; the provider asked for {delay.TotalMilliseconds:0} ms.");
    }

    [Fact]
    public async Task ServerError_FailsOverToTheSecondInstance()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Error(500);

        var response = await RouteChat(FailoverRoute).GetResponseAsync(Question);

        Assert.Equal("Hello from the fake provider.", response.Text);
        Assert.Equal(2, PrimaryFake.RequestCount); // one try and one retry (MaxRetries 1); no SDK retries on top
        Assert.Equal(1, SecondaryFake!.RequestCount);
    }

    [Fact]
    public async Task Streaming_FailsOverBeforeTheFirstToken()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Error(503);

        var text = string.Empty;
        await foreach (var update in RouteChat(FailoverRoute).GetStreamingResponseAsync(Question))
        {
            text += update.Text;
        }

        Assert.Equal("Hello from the fake provider.", text);
        Assert.True(PrimaryFake.RequestCount >= 1);
        Assert.Equal(1, SecondaryFake!.RequestCount);
    }

    [Fact]
    public async Task Timeout_FailsWithinTheRoutesTimeout()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Hang(TimeSpan.FromSeconds(20));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RouteChat(TimeoutRoute).GetResponseAsync(Question));

        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The call took {clock.Elapsed.TotalSeconds:0.0} s; the route's timeout is {ShortTimeout.TotalMilliseconds} ms.");
        ConformanceAssert.HasKind(error, AiFailureReason.Timeout);
    }

    [Fact]
    public virtual async Task Unauthorized_FailsAtOnceWithAClearError()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Error(401);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RouteChat(ChatRoute).GetResponseAsync(Question));

        Assert.Equal(1, PrimaryFake.RequestCount);
        ConformanceAssert.HasKind(error, AiFailureReason.Unauthorized);
        var unauthorized = ConformanceAssert.Chain(error).OfType<ProviderException>().First(p => p.Reason == AiFailureReason.Unauthorized);
        Assert.Equal(401, unauthorized.StatusCode);
        Assert.Contains(Primary, unauthorized.Message, StringComparison.Ordinal);
        Assert.Contains("credentials", unauthorized.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public virtual async Task MalformedBody_FailsOverToTheSecondInstanceWithoutRetryingTheFirst()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Malformed();

        var response = await RouteChat(FailoverRoute).GetResponseAsync(Question);

        Assert.Equal("Hello from the fake provider.", response.Text);
        Assert.Equal(1, PrimaryFake.RequestCount); // MaxRetries 1, but an unreadable answer moves on at once
        Assert.Equal(1, SecondaryFake!.RequestCount);
    }

    [Fact]
    public async Task ContentFilter_IsReportedAndNotRetried()
    {
        if (await NoWireAsync())
        {
            return;
        }

        if (!PrimaryFake!.Wire.HasContentFilterSignal)
        {
            // No filter signal on this wire: a rejected request is a plain bad request, never invented as a filter.
            PrimaryFake.DefaultReply = new FakeReply.Error(400);
            var badRequest = await Assert.ThrowsAnyAsync<Exception>(() => RouteChat(ChatRoute).GetResponseAsync(Question));
            ConformanceAssert.HasKind(badRequest, AiFailureReason.BadRequest);
            Assert.DoesNotContain(AiFailureReason.ContentFiltered, ConformanceAssert.Kinds(badRequest));
            Assert.Equal(1, PrimaryFake.RequestCount);
            return;
        }

        PrimaryFake.DefaultReply = new FakeReply.ContentFiltered();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RouteChat(ChatRoute).GetResponseAsync(Question));

        ConformanceAssert.HasKind(error, AiFailureReason.ContentFiltered);
        Assert.Equal(1, PrimaryFake.RequestCount);
    }

    [Fact]
    public async Task StreamCutMidway_SurfacesStreamInterrupted()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.StreamCut("Hello from");

        var (error, received, _) = await StreamUntilAsync<StreamInterruptedException>(RouteChat(FailoverRoute));

        Assert.Contains("Hello from", received, StringComparison.Ordinal);
        Assert.True(error.UpdatesReceived >= 1);
        Assert.Equal(0, SecondaryFake!.RequestCount); // no failover after the first token: text would be duplicated
    }

    [Fact]
    public async Task StreamEndingWithoutCompletion_SurfacesStreamInterrupted()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.StreamTruncated("Hello from");

        var (error, _, _) = await StreamUntilAsync<StreamInterruptedException>(RouteChat(ChatRoute));

        Assert.True(error.UpdatesReceived >= 1);
    }

    // ---- the plugin's own client: exact translation, SDK retries off ---------------------------------------------

    [Fact]
    public async Task Plugin_429_IsRateLimitedWithRetryAfter_AndTheSdkDoesNotRetry()
    {
        if (await NoWireAsync())
        {
            return;
        }

        var (headers, delay) = RateLimitReply;
        PrimaryFake!.DefaultReply = new FakeReply.Error(429, headers);

        var error = await Assert.ThrowsAsync<ProviderException>(() => PluginChat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.RateLimited, error.Reason);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(delay, error.RetryAfter);
        Assert.Equal(1, PrimaryFake.RequestCount);
    }

    [Fact]
    public virtual async Task Plugin_500_IsUnavailable_AndTheSdkDoesNotRetry()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Error(500);

        var error = await Assert.ThrowsAsync<ProviderException>(() => PluginChat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.Unavailable, error.Reason);
        Assert.Equal(500, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(1, PrimaryFake.RequestCount);
    }

    [Fact]
    public virtual async Task Plugin_MalformedBody_IsMalformedResponse()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Malformed();

        var error = await Assert.ThrowsAsync<ProviderException>(() => PluginChat.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.MalformedResponse, error.Reason);
    }

    [Fact]
    public async Task Plugin_ErrorOnTheFirstStreamStep_IsTranslated()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Error(429, RateLimitReply.Headers);

        var (error, _, updates) = await StreamUntilAsync<ProviderException>(PluginChat);

        Assert.Equal(AiFailureReason.RateLimited, error.Reason);
        Assert.Equal(RateLimitReply.Delay, error.RetryAfter);
        Assert.Equal(0, updates);
    }

    [Fact]
    public async Task Plugin_StreamCutMidway_ThrowsAfterTheFirstUpdate()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.StreamCut("Hello from");

        var (error, text, _) = await StreamUntilAsync<ProviderException>(PluginChat);

        Assert.StartsWith("Hello from", text, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Plugin_StreamEndingWithoutCompletion_IsNotASilentShortAnswer()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.StreamTruncated("Hello from");

        var (error, text, _) = await StreamUntilAsync<ProviderException>(PluginChat);

        Assert.StartsWith("Hello from", text, StringComparison.Ordinal);
        Assert.Equal(AiFailureReason.Unavailable, error.Reason);
    }

    [Fact]
    public async Task Plugin_ContentFilterWhileStreaming_IsContentFiltered()
    {
        if (await NoWireAsync())
        {
            return;
        }

        var hasSignal = PrimaryFake!.Wire.HasContentFilterSignal;
        PrimaryFake.DefaultReply = hasSignal ? new FakeReply.ContentFiltered() : new FakeReply.Error(400);

        var (error, _, _) = await StreamUntilAsync<ProviderException>(PluginChat);

        // Without a filter signal on the wire, a rejected stream is a bad request, never an invented filter.
        Assert.Equal(hasSignal ? AiFailureReason.ContentFiltered : AiFailureReason.BadRequest, error.Reason);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Plugin_EmbeddingErrors_AreTranslated()
    {
        if (await NoWireAsync())
        {
            return;
        }

        var key = ProviderKeys.Embeddings(Primary, Configuration.EmbeddingModel);
        if (!Manifest.Supports(ProviderCapabilities.Embeddings))
        {
            Assert.Null(Services.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(key));
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Error(429, RateLimitReply.Headers);
        var generator = Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(key);

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["one"]));

        Assert.Equal(AiFailureReason.RateLimited, error.Reason);
        Assert.Equal(RateLimitReply.Delay, error.RetryAfter);
        Assert.Equal(1, PrimaryFake.RequestCount);
    }

    [Fact]
    public async Task Plugin_NetworkTimeout_IsTimeout()
    {
        if (await NoWireAsync())
        {
            return;
        }

        PrimaryFake!.DefaultReply = new FakeReply.Hang(TimeSpan.FromSeconds(20));
        await using var services = BuildKernel(Configuration.Build(PrimaryAddress, SecondaryAddress, [new("NetworkTimeout", "00:00:00.400")]));
        var client = services.GetRequiredKeyedService<IChatClient>(ProviderKeys.Chat(Primary, Configuration.ChatModel));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync(Question));

        Assert.Equal(AiFailureReason.Timeout, error.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"NetworkTimeout 400 ms, took {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>Streams <see cref="Question"/> until it fails with <typeparamref name="TException"/>; returns what arrived before.</summary>
    private static async Task<(TException Error, string Text, int Updates)> StreamUntilAsync<TException>(IChatClient client)
        where TException : Exception
    {
        var text = new System.Text.StringBuilder();
        var updates = 0;
        var error = await Assert.ThrowsAsync<TException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question))
            {
                updates++;
                text.Append(update.Text);
            }
        });
        return (error, text.ToString(), updates);
    }

    /// <summary>
    /// Wire faults apply only to plugins that talk to a service. For one that does not (its conformance class gives
    /// no wire), this asserts why: it is not generative and refuses chat at once, without touching a network.
    /// Returns true when there is no wire (the scenario then ends here).
    /// </summary>
    private async Task<bool> NoWireAsync()
    {
        if (HasWire)
        {
            return false;
        }

        Assert.False(Manifest.IsGenerative, "A generative plugin must supply a wire (a fake of its provider) to the kit.");
        Assert.False(Manifest.Supports(ProviderCapabilities.Chat));
        var clock = Stopwatch.StartNew();
        await ConformanceAssert.NotSupportedAsync(() => PluginChat.GetResponseAsync(Question));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "Refusing chat should not wait on anything.");
        return true;
    }
}
