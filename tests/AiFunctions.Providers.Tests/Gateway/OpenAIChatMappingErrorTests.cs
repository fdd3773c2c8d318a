using System.Text.Json;
using AiFunctions.Hosting.Gateway;
using Microsoft.Extensions.AI;
using Xunit;

namespace AiFunctions.Providers.Tests.Gateway;

/// <summary>
/// The exact <c>param</c> and message of every per-message mapping error (the member paths are formatted only when
/// there is an error, so each path is pinned here, at a message index other than 0 where it matters), and a valid
/// request mapped member by member.
/// </summary>
public sealed class OpenAIChatMappingErrorTests
{
    private const string Ok = """{"role":"user","content":"hi"}""";

    [Theory]
    [InlineData("null", "messages[1]", "'messages[1]' is null: send an object with 'role' and 'content'.")]
    [InlineData("""{"role":"wizard","content":"x"}""", "messages[1].role", "'messages[1].role' must be one of system, developer, user, assistant, tool.")]
    [InlineData("""{"role":"tool","content":"x"}""", "messages[1].tool_call_id", "'messages[1].tool_call_id' is required on tool messages: the id of the tool call this answers.")]
    [InlineData("""{"role":"tool","tool_call_id":"c","content":[{"type":"image_url"}]}""", "messages[1].content", "'messages[1].content' parts must be {\"type\":\"text\",\"text\":\"...\"} here.")]
    [InlineData("""{"role":"tool","tool_call_id":"c","content":7}""", "messages[1].content", "'messages[1].content' must be a string or an array of content parts.")]
    [InlineData("""{"role":"user","content":42}""", "messages[1].content", "'messages[1].content' must be a string or an array of content parts.")]
    [InlineData("""{"role":"user","content":[{"type":"text","text":"a"},{"type":"audio"}]}""", "messages[1].content[1]", "'messages[1].content[1]' must be a text part or an image_url part.")]
    [InlineData("""{"role":"system","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}""", "messages[1].content[0]", "'messages[1].content[0]' must be a text part ({\"type\":\"text\",\"text\":\"...\"}).")]
    [InlineData("""{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}""", "messages[1].content[0].image_url.url", "'messages[1].content[0].image_url.url' must be an http(s) URL or a data URI.")]
    [InlineData("""{"role":"user","content":"x","tool_calls":[{"id":"c","type":"function","function":{"name":"f"}}]}""", "messages[1].tool_calls", "'messages[1].tool_calls' is only allowed on assistant messages.")]
    [InlineData("""{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}},{"type":"function","function":{"name":"g"}}]}""", "messages[1].tool_calls[1]", "'messages[1].tool_calls[1]' needs 'id' and 'function.name'.")]
    [InlineData("""{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"[1]"}}]}""", "messages[1].tool_calls[0].function.arguments", "'messages[1].tool_calls[0].function.arguments' must be a JSON object text, e.g. \"{\\\"city\\\":\\\"Oslo\\\"}\".")]
    public void A_bad_message_names_its_member_and_the_fix(string message, string param, string text)
    {
        var error = OpenAIChatMapping.TryBuild(Request($$"""{"model":"chat","messages":[{{Ok}},{{message}}]}"""), out _, out _);

        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Equal(param, error.Param);
        Assert.Equal(text, error.Message);
    }

    [Fact]
    public void A_valid_conversation_maps_every_message()
    {
        var error = OpenAIChatMapping.TryBuild(Request("""
            {"model":"chat","messages":[
              {"role":"system","content":"be brief"},
              {"role":"user","name":"hr","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{\"id\":7}"}}]},
              {"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"found "},{"type":"text","text":"it"}]}
            ],"max_tokens":5}
            """), out var messages, out var options);

        Assert.Null(error);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool], messages.Select(m => m.Role));
        Assert.Equal("be brief", Assert.IsType<TextContent>(Assert.Single(messages[0].Contents)).Text);
        Assert.Equal("hr", messages[1].AuthorName);
        Assert.Equal("a", Assert.IsType<TextContent>(messages[1].Contents[0]).Text);
        Assert.Equal(new Uri("https://x/y.png"), Assert.IsType<UriContent>(messages[1].Contents[1]).Uri);
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(messages[2].Contents));
        Assert.Equal(("c1", "lookup", "7"), (call.CallId, call.Name, call.Arguments!["id"]!.ToString()));
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(messages[3].Contents));
        Assert.Equal(("c1", "found it"), (result.CallId, result.Result as string));
        Assert.Equal(5, options.MaxOutputTokens);
    }

    private static ChatCompletionRequest Request(string json) =>
        JsonSerializer.Deserialize(json, OpenAIWireJson.Default.ChatCompletionRequest)!;
}
