using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiFunctions.Host.Tests.Support;

/// <summary>The host on a test server with the in-memory Durable backend and result store (tests only).</summary>
public class InMemoryHostFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-0123456789abcdef";

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AiFunctions:Durable:Backend", "InMemory");
        builder.UseSetting("AiFunctions:Storage:Store", "InMemory");
        builder.UseSetting("AiFunctions:Api:ApiKeys:0", ApiKey);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateAuthorizedClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(Hosting.Api.ApiKeyHeader.Name, ApiKey);
        return client;
    }
}
