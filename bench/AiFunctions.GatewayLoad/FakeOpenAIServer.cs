using System.Text;

namespace AiFunctions.GatewayLoad;

/// <summary>A zero-latency OpenAI chat endpoint on loopback: every POST …/chat/completions gets the same prebuilt answer.</summary>
internal static class FakeOpenAIServer
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the zero-latency fake."},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}""");

    public static WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(async http =>
        {
            if (http.Request.Path == AllocationProbe.Path)
            {
                await http.Response.WriteAsync(AllocationProbe.Read()).ConfigureAwait(false);
                return;
            }

            // Drain the request body, then answer at once.
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = Answer.Length;
            await http.Response.Body.WriteAsync(Answer, http.RequestAborted).ConfigureAwait(false);
        });
        return app;
    }
}
