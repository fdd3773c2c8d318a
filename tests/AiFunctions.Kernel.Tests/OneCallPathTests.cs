using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Redaction;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

/// <summary>AI functions go through the same per-target pipeline as route calls: cache, redaction, defaults, accounting.</summary>
public sealed class OneCallPathTests
{
    private static readonly ScoreInput Input = new("Jane Doe", "Jane Doe led a team of five. Contact jane.doe@example.com.");
    private const string Answer = """{"verdict":"ok","score":80,"evidence":"led a team of five"}""";

    [Fact]
    public async Task The_route_cache_serves_an_identical_ai_function_call()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:CacheDuration", "00:05:00")));
        var a = k.Plugin.Client("a", "m1").Reply(Answer);
        var invoker = k.Get<IAiFunctionInvoker>();

        var first = await invoker.InvokeAsync(new ScoreFunction(), Input);
        var second = await invoker.InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal(first.Output, second.Output);
        Assert.Equal(1, a.Calls);
        Assert.Equal(10, k.Get<IUsageLedger>().Total.InputTokens); // the hit is not a provider call
        Assert.Equal(0, second.Usage.InputTokens);
    }

    [Fact]
    public async Task An_ai_function_prompt_is_redacted_once_and_the_answer_is_restored_as_valid_json()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Redact", "true")));
        var a = k.Plugin.Client("a", "m1").Step((messages, _) =>
        {
            var text = string.Join("\n", messages.Select(m => m.Text));
            // The provider sees placeholders only, each once (redacting twice would yield placeholders of placeholders).
            Assert.DoesNotContain("Jane", text, StringComparison.Ordinal);
            Assert.DoesNotContain("jane.doe@example.com", text, StringComparison.Ordinal);
            Assert.Contains("[EMAIL_1]", text, StringComparison.Ordinal);
            var name = System.Text.RegularExpressions.Regex.Match(text, @"\[NAME_\d+\]").Value;
            return FakeChatClient.Response($$"""{"verdict":"{{name}} is strong","score":80,"evidence":"{{name}} led a team of five"}""");
        });

        var result = await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);

        Assert.Equal(1, a.Calls);
        Assert.Equal("Jane Doe led a team of five", result.Output.Evidence); // restored, then validated verbatim against the input
        Assert.StartsWith("Jane Doe", result.Output.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_defaults_reach_ai_functions_and_route_calls_from_one_place()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Routes:r:Temperature", "0.2"), ("Routes:r:MaxOutputTokens", "300")));
        var a = k.Plugin.Client("a", "m1").Reply(Answer);

        await k.Get<IAiFunctionInvoker>().InvokeAsync(new ScoreFunction(), Input);
        await k.Route("r").GetResponseAsync("hi", new ChatOptions { Temperature = 0.9f });

        Assert.Equal(0.2f, a.Requests[0].Options!.Temperature);
        Assert.Equal(300, a.Requests[0].Options!.MaxOutputTokens);
        Assert.NotNull(a.Requests[0].Options!.ResponseFormat);
        Assert.Equal(0.9f, a.Requests[1].Options!.Temperature); // the caller's value wins
        Assert.Equal(300, a.Requests[1].Options!.MaxOutputTokens);
    }

    [Fact]
    public async Task A_json_answer_restores_originals_with_json_escaping()
    {
        var redactor = new RegexPiiRedactor(new RedactionOptions());
        var inner = new FakeChatClient("x").Step((messages, _) =>
            FakeChatClient.Response($$"""{"name":"{{System.Text.RegularExpressions.Regex.Match(messages[0].Text, @"\[NAME_\d+\]").Value}}"}"""));
        using var client = new ChatClientBuilder(inner).UseRedaction(redactor).Build();
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.Json,
            AdditionalProperties = new() { [MessageRedaction.KnownNamesProperty] = new[] { "Jo \"JJ\" Smith" } },
        };

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Candidate Jo \"JJ\" Smith applied.")], options);

        Assert.Equal("Jo \"JJ\" Smith", System.Text.Json.JsonDocument.Parse(response.Text).RootElement.GetProperty("name").GetString());
    }
}
