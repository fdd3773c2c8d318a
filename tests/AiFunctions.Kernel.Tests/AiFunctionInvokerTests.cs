using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Kernel.Tests;

public sealed class AiFunctionInvokerTests
{
    private static readonly ScoreInput Input = new("Jane Doe", "Led a team of 5 engineers. Email jane@example.com");

    [Fact]
    public async Task Valid_json_answer_becomes_the_typed_output_with_provenance_and_usage()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Temperature", "0.1"), ("Pricing:m1:InputPerMillion", "2"), ("Pricing:m1:OutputPerMillion", "4")));
        var a = k.Plugin.Client("a", "m1").Reply("""{"verdict":"strong","score":82,"evidence":"Led a team of 5 engineers"}""", input: 1000, output: 500);

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal(new ScoreOutput("strong", 82, "Led a team of 5 engineers"), result.Output);
        Assert.Equal(("test.score", "2026-11-27.1", "r", "a", "fake", "1.2.3", "m1", true, 1, false),
            (result.Provenance.Function, result.Provenance.FunctionVersion, result.Provenance.Route, result.Provenance.ProviderInstance,
             result.Provenance.Plugin, result.Provenance.PluginVersion, result.Provenance.Model, result.Provenance.Generative,
             result.Provenance.Attempts, result.Provenance.Repaired));
        Assert.Equal(1500, result.Usage.TotalTokens);
        Assert.Equal(0.004m, result.Usage.Cost);
        var options = a.Requests[0].Options!;
        Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Contains("score", ((ChatResponseFormatJson)options.ResponseFormat!).Schema!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0.1f, options.Temperature);
    }

    [Fact]
    public async Task A_schema_violation_gets_one_repair_prompt_listing_it_and_the_repaired_answer_is_marked()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        var a = k.Plugin.Client("a", "m1")
            .Reply("""{"verdict":"strong","score":"high","evidence":"Led a team"}""")
            .Reply("```json\n{\"verdict\":\"strong\",\"score\":80,\"evidence\":\"Led a team\"}\n```");

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.True(result.Provenance.Repaired);
        Assert.Equal(2, result.Provenance.Attempts);
        Assert.Equal(80, result.Output.Score);
        var repair = a.Requests[1].Messages[^1];
        Assert.Equal(ChatRole.User, repair.Role);
        Assert.Contains("/score", repair.Text, StringComparison.Ordinal);
        Assert.Equal(20, result.Usage.InputTokens); // both calls are accounted
    }

    [Fact]
    public async Task A_Validate_violation_is_repaired_like_a_schema_violation()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        var a = k.Plugin.Client("a", "m1")
            .Reply("""{"verdict":"strong","score":500,"evidence":"invented"}""")
            .Reply("""{"verdict":"strong","score":50,"evidence":"Led a team"}""");

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.True(result.Provenance.Repaired);
        var repair = a.Requests[1].Messages[^1].Text;
        Assert.Contains("must be between 0 and 100", repair, StringComparison.Ordinal);
        Assert.Contains("verbatim", repair, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Still_invalid_after_the_bounded_repairs_on_every_target_is_a_permanent_StructuredOutputInvalid()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:MaxRepairAttempts", "2")));
        var a = k.Plugin.Client("a", "m1").Reply("not json at all");
        var b = k.Plugin.Client("b", "m1").Reply("still not json");

        var route = await Assert.ThrowsAsync<RouteFailedException>(() => k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input));

        var ex = Assert.IsType<StructuredOutputException>(route.InnerException);
        Assert.Equal(3, ex.Attempts);
        Assert.Equal(3, a.Calls);
        Assert.Equal(3, b.Calls);
        Assert.Equal("test.score", ex.Function);
        Assert.Contains("not valid JSON", ex.Violations[0], StringComparison.Ordinal);
        Assert.Equal(AiFailureReason.StructuredOutputInvalid, route.Reason);
        Assert.False(route.IsTransient); // no target left: retrying the same request cannot help
    }

    [Fact]
    public async Task Still_invalid_after_repair_fails_over_to_the_next_target()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:MaxRepairAttempts", "1")));
        var a = k.Plugin.Client("a", "m1").Reply("""{"verdict":"ok","score":900,"evidence":"Led"}""");
        var b = k.Plugin.Client("b", "m1").Reply("""{"verdict":"ok","score":90,"evidence":"Led"}""");

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal(90, result.Output.Score);
        Assert.Equal("b", result.Provenance.ProviderInstance);
        Assert.Equal(2, a.Calls); // the answer and one repair, then the next target
        Assert.Equal(1, b.Calls);
    }

    [Fact]
    public async Task A_native_implementation_on_the_target_instance_is_used_instead_of_chat()
    {
        var plugin = new FakePlugin(generative: false);
        var native = new NativeScore();
        plugin.Natives.Add(("a", (services, instance) => services.AddKeyedSingleton<INativeAiFunction<ScoreInput, ScoreOutput>>(instance, native)));
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(), plugin);

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal("native", result.Output.Verdict);
        Assert.Equal(1, native.Calls);
        Assert.Equal(0, plugin.Client("a", "m1").Calls);
        Assert.False(result.Provenance.Generative);
        Assert.Equal(0, result.Usage.TotalTokens);
        Assert.Single(k.Get<Accounting.IUsageLedger>().TotalsBy(Accounting.UsageDimension.Target));
    }

    [Fact]
    public async Task A_native_implementation_of_another_function_is_ignored()
    {
        var plugin = new FakePlugin();
        var native = new NativeScore("other.function");
        plugin.Natives.Add(("a", (services, instance) => services.AddKeyedSingleton<INativeAiFunction<ScoreInput, ScoreOutput>>(instance, native)));
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(), plugin);
        plugin.Client("a", "m1").Reply("""{"verdict":"chat","score":1,"evidence":"Led"}""");

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal("chat", result.Output.Verdict);
        Assert.Equal(0, native.Calls);
    }

    [Fact]
    public async Task A_native_output_that_fails_Validate_is_refused()
    {
        var plugin = new FakePlugin();
        plugin.Natives.Add(("a", (services, instance) => services.AddKeyedSingleton<INativeAiFunction<ScoreInput, ScoreOutput>>(instance, new NativeScore(score: 500))));
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(), plugin);

        var route = await Assert.ThrowsAsync<RouteFailedException>(() =>
            k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input));

        // Target a's native answer is refused; target b (no native implementation) answers "ok" text, not JSON.
        Assert.Equal("a/m1", route.Attempts[0].Target);
        Assert.Equal(AiFailureReason.StructuredOutputInvalid, route.Attempts[0].Kind);
        Assert.All(route.Attempts, a => Assert.Equal(AiFailureReason.StructuredOutputInvalid, a.Kind));
    }

    [Fact]
    public async Task The_invoker_fails_over_on_provider_errors_and_reports_the_target_that_answered()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute());
        k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.Unavailable, "a", "HTTP 500", 500));
        k.Plugin.Client("b", "m1").Reply("""{"verdict":"ok","score":3,"evidence":"Led"}""");

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal("b", result.Provenance.ProviderInstance);
        Assert.Equal(2, result.Provenance.Attempts);
    }

    [Fact]
    public async Task Redacting_routes_send_no_personal_data_and_restore_it_in_the_output()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Redact", "true")));
        var a = k.Plugin.Client("a", "m1").Step((messages, _) =>
        {
            var placeholder = messages[^1].Text.Contains("[EMAIL_1]", StringComparison.Ordinal) ? "[EMAIL_1]" : "missing";
            return FakeChatClient.Response($$"""{"verdict":"[NAME_1]","score":60,"evidence":"Email {{placeholder}}"}""");
        });

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        var sent = string.Join("\n", a.Requests[0].Messages.Select(m => m.Text));
        Assert.DoesNotContain("Jane", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("jane@example.com", sent, StringComparison.Ordinal);
        Assert.Equal("Jane Doe", result.Output.Verdict);
        Assert.Equal("Email jane@example.com", result.Output.Evidence);
    }

    [Fact]
    public async Task Native_dispatch_and_clients_work_when_the_route_spells_instance_and_model_differently()
    {
        var plugin = new FakePlugin();
        var native = new NativeScore();
        plugin.Natives.Add(("a", (services, instance) => services.AddKeyedSingleton<INativeAiFunction<ScoreInput, ScoreOutput>>(instance, native)));
        using var k = KernelHarness.Create(KernelHarness.TwoInstances(
            ("Routes:r:Targets:0:Provider", "A"), ("Routes:r:Targets:0:Model", "M1"), ("Routes:r:Redact", "false")), plugin);

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);
        await k.Route("r").GetResponseAsync("plain chat");

        Assert.Equal(("a", "m1"), (result.Provenance.ProviderInstance, result.Provenance.Model));
        Assert.Equal(1, native.Calls);
        Assert.Equal(1, plugin.Client("a", "m1").Calls);
    }

    [Fact]
    public async Task A_function_that_sends_personal_data_is_refused_on_a_route_that_does_not_redact_and_nothing_is_sent()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Redact", "false")));
        var a = k.Plugin.Client("a", "m1").Reply("""{"verdict":"strong","score":82,"evidence":"Led a team of 5 engineers"}""");

        var ex = await Assert.ThrowsAsync<RedactionRequiredException>(() => k.Get<IAiFunctionInvoker>().InvokeAsync(new PersonalDataScoreFunction(), Input));

        Assert.Equal(AiFailureReason.BadRequest, ex.Reason);
        Assert.False(ex.IsTransient);
        Assert.Contains("AiFunctions:Routes:r:Redact", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, a.Calls);
        Assert.Equal(0, k.Plugin.Client("b", "m1").Calls);
    }

    [Fact]
    public async Task Provenance_counts_the_personal_data_items_the_routes_pipeline_replaced_before_the_prompt_left()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Redact", "true")));
        var a = k.Plugin.Client("a", "m1").Reply("""{"verdict":"strong","score":82,"evidence":"Led a team of 5 engineers"}""");

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new PersonalDataScoreFunction(), Input);

        // "Jane Doe" (a known name) and the e-mail address.
        Assert.True(result.Provenance.RedactedItems >= 2, $"got {result.Provenance.RedactedItems}");
        Assert.DoesNotContain("jane@example.com", a.Requests[0].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provenance_counts_no_redacted_items_on_a_route_that_does_not_redact()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Redact", "false")));
        k.Plugin.Client("a", "m1").Reply("""{"verdict":"strong","score":82,"evidence":"Led a team of 5 engineers"}""");

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal(0, result.Provenance.RedactedItems);
    }

    /// <summary>The test function, declaring that its prompt carries personal data (as resume screening does).</summary>
    private sealed class PersonalDataScoreFunction : AiFunction<ScoreInput, ScoreOutput>
    {
        private readonly ScoreFunction _inner = new();

        public override string Name => _inner.Name;

        public override string Version => _inner.Version;

        public override string Route => _inner.Route;

        public override bool SendsPersonalData => true;

        public override IList<ChatMessage> BuildPrompt(ScoreInput input) => _inner.BuildPrompt(input);

        public override IReadOnlyList<string> Validate(ScoreInput input, ScoreOutput output) => _inner.Validate(input, output);

        public override IEnumerable<string> KnownNames(ScoreInput input) => _inner.KnownNames(input);
    }
}
