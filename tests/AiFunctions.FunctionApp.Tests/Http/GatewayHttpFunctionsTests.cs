using System.Net;
using AiFunctions.FunctionApp.Http;
using AiFunctions.Hosting.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace AiFunctions.FunctionApp.Tests.Http;

/// <summary>
/// The Functions app serves the OpenAI-compatible gateway (<c>/v1</c>) over its own composition: an app key lists its
/// routes, a chat completion goes through the kernel and the real <c>openai</c> plugin to an OpenAI-shaped server on
/// loopback, a streamed one arrives as the same server-sent events (whole), and an unknown key gets OpenAI's 401 shape.
/// </summary>
public sealed class GatewayHttpFunctionsTests : IAsyncLifetime
{
    private const string AppKey = "sk-portal-0123456789abcdef0123456789";
    private WebApplication _upstream = null!;
    private int _upstreamCalls;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _upstream = builder.Build();
        _upstream.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            Interlocked.Increment(ref _upstreamCalls);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (body.Contains("\"stream\":true", StringComparison.Ordinal))
            {
                context.Response.ContentType = "text/event-stream";
                await context.Response.WriteAsync("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n");
                await context.Response.WriteAsync("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\n");
                await context.Response.WriteAsync("data: [DONE]\n\n");
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"id":"c1","object":"chat.completion","created":1,"model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from upstream"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""");
        });
        await _upstream.StartAsync();
        var upstream = new Uri(_upstream.Urls.First());

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AiFunctions:Storage:Store"] = "InMemory",
            ["AiFunctions:Events:Intake:SharedKey"] = "<test>",
            ["AiFunctions:Providers:upstream:Plugin"] = "openai",
            ["AiFunctions:Providers:upstream:Endpoint"] = new Uri(upstream, "v1").ToString(),
            ["AiFunctions:Providers:upstream:ApiKey"] = "sk-upstream",
            ["AiFunctions:Providers:upstream:Models:0"] = "gpt-test",
            ["AiFunctions:Routes:chat:Targets:0:Provider"] = "upstream",
            ["AiFunctions:Routes:chat:Targets:0:Model"] = "gpt-test",
            ["AiFunctions:Routes:chat:MaxRetries"] = "0",
            ["AiFunctions:Gateway:Apps:portal:Tenant"] = "acme",
            ["AiFunctions:Gateway:Apps:portal:KeySha256:0"] = GatewayDirectory.Hash(AppKey),
            ["AiFunctions:Gateway:Apps:portal:Routes:0"] = "chat",
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddFunctionApp(configuration, Path.Combine(TestPaths.RepoRoot, "host.json"));
        _services = collection.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private GatewayHttpFunctions Functions() => ActivatorUtilities.CreateInstance<GatewayHttpFunctions>(_services);

    private static Dictionary<string, string> Bearer(string key) => new() { ["Authorization"] = "Bearer " + key };

    [Fact]
    public async Task An_app_key_lists_the_routes_it_may_use()
    {
        var response = await Functions().ListModels(FakeHttp.Request("GET", "/v1/models", contentType: null, headers: Bearer(AppKey), apiKey: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var models = response.BodyJson();
        Assert.Equal("list", models.GetProperty("object").GetString());
        Assert.Contains(models.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == "chat");
    }

    [Fact]
    public async Task A_chat_completion_goes_through_the_kernel_to_the_routes_target_and_answers_in_openais_shape()
    {
        const string body = """{"model":"chat","messages":[{"role":"user","content":"Hi"}]}""";

        var response = await Functions().CreateChatCompletion(FakeHttp.Request("POST", "/v1/chat/completions", body, headers: Bearer(AppKey), apiKey: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completion = response.BodyJson();
        Assert.Equal("chat.completion", completion.GetProperty("object").GetString());
        Assert.Equal("Hello from upstream", completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(8, completion.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task A_streamed_chat_completion_arrives_as_server_sent_events_ending_in_done()
    {
        const string body = """{"model":"chat","stream":true,"messages":[{"role":"user","content":"Hi"}]}""";

        var response = await Functions().CreateChatCompletion(FakeHttp.Request("POST", "/v1/chat/completions", body, headers: Bearer(AppKey), apiKey: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/event-stream", response.Header("Content-Type"), StringComparison.Ordinal);
        var events = response.BodyText();
        var data = events.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal("data: [DONE]", data[^1]);
        Assert.Contains(data, d => d.Contains("\"Hel\"", StringComparison.Ordinal));
        Assert.Contains(data, d => d.Contains("\"lo\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_key_is_401_in_openais_error_shape_and_the_upstream_is_not_called()
    {
        const string body = """{"model":"chat","messages":[{"role":"user","content":"Hi"}]}""";

        var response = await Functions().CreateChatCompletion(FakeHttp.Request("POST", "/v1/chat/completions", body, headers: Bearer("sk-nobody-0123456789abcdef0123456789"), apiKey: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = response.BodyJson().GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        Assert.Equal(0, Volatile.Read(ref _upstreamCalls));
    }
}
