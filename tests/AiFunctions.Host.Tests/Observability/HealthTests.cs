using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;

namespace AiFunctions.Host.Tests.Observability;

public sealed class HealthTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task With_every_dependency_up_the_probes_answer_200_anonymously(string path)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.NotEmpty(body.RootElement.GetProperty("checks").EnumerateArray());
    }

    [Fact]
    public async Task Storage_down_makes_ready_503_naming_storage_while_live_stays_200()
    {
        await using var down = new StorageDownHostFactory();
        using var client = down.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("storage is unhealthy", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var storage = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "storage");
        Assert.Equal("Unhealthy", storage.GetProperty("status").GetString());
        Assert.Contains(body.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "providers" && c.GetProperty("status").GetString() == "Healthy");

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Service_bus_down_makes_ready_503_naming_servicebus_while_storage_stays_healthy()
    {
        await using var down = new ServiceBusDownHostFactory();
        using var client = down.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var text = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)ready.StatusCode}: {text}");
        using var body = JsonDocument.Parse(text);
        Assert.StartsWith("servicebus is unhealthy", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var checks = body.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks["servicebus"]);
        Assert.Equal("Healthy", checks["storage"]);

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>The host with a Service Bus connection to a loopback port nothing listens on (no processors).</summary>
    private sealed class ServiceBusDownHostFactory : InMemoryHostFactory
    {
        private static readonly int ClosedPort = StorageDownHostFactory.FreePort();

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["AiFunctions:ServiceBus:ConnectionString"] =
                $"Endpoint=sb://127.0.0.1:{ClosedPort};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
            ["AiFunctions:Events:ServiceBus:ProcessorsEnabled"] = "false",
        };
    }

    /// <summary>The host with Table/Blob storage pointed at a loopback port nothing listens on.</summary>
    private sealed class StorageDownHostFactory : InMemoryHostFactory
    {
        private static readonly int ClosedPort = FreePort();

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["AiFunctions:Storage:Store"] = "AzureStorage",
            ["AiFunctions:Storage:ConnectionString"] =
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{ClosedPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{ClosedPort}/devstoreaccount1;",
        };

        internal static int FreePort()
        {
            using var socket = new TcpListener(System.Net.IPAddress.Loopback, 0);
            socket.Start();
            return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
