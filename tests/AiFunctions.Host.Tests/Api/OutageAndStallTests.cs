using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AiFunctions.Host.Tests.Support;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// Issue 9 item 6 against real sockets: a storage outage (a dead port, or a server that accepts and never answers) is
/// 503 with Retry-After within a bounded time on the read path, never a hang or a 500; a request body that stalls
/// after its headers is 408 with a problem body from the real Kestrel server (TestServer has no data-rate timer).
/// </summary>
public sealed class OutageAndStallTests
{
    /// <summary>Bounded: 3 tries × a 5 s network timeout plus backoff is about 17 s (StorageClientDefaults); 40 s leaves room for a loaded CI machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    [Theory]
    [InlineData("refused")]
    [InlineData("silent")]
    public async Task During_a_storage_outage_reading_a_batch_answers_503_with_retry_after_within_a_bounded_time(string outage)
    {
        using var silent = new SilentServer();
        var port = outage == "silent" ? silent.Port : ClosedPort();
        await using var factory = new StorageAtHostFactory(port);
        using var client = factory.CreateAuthorizedClient();
        client.Timeout = Bound + TimeSpan.FromSeconds(20);

        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri("/api/screenings/b-outage", UriKind.Relative));
        watch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, "no Retry-After");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"unavailable\"", body.Replace("https://aifunctions.dev/problems/", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < Bound, $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task A_request_body_that_stalls_after_the_headers_is_408_with_a_problem_body_from_kestrel()
    {
        await using var factory = new InMemoryHostFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.ClientOptions.BaseAddress;

        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        var head = "POST /api/screenings HTTP/1.1\r\n" +
                   $"Host: {address.Authority}\r\n" +
                   $"X-Api-Key: {InMemoryHostFactory.ApiKey}\r\n" +
                   "Content-Type: application/json\r\n" +
                   "Content-Length: 5000\r\n\r\n{\"batchId\":";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // Nothing more: Kestrel's minimum data rate (240 B/s after a 5 s grace) trips while the handler reads the body.
        stream.ReadTimeout = 30_000;
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
            if (answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && answer.ToString().Contains('}', StringComparison.Ordinal))
            {
                break;
            }
        }

        var text = answer.ToString();
        Assert.StartsWith("HTTP/1.1 408", text, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", text, StringComparison.Ordinal);
        Assert.Contains("request-timeout", text, StringComparison.Ordinal);
        Assert.Contains("\"detail\"", text, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host with the result store (tables and blobs) at a loopback port that refuses or never answers.</summary>
    private sealed class StorageAtHostFactory(int port) : InMemoryHostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["AiFunctions:Storage:Store"] = "AzureStorage",
            ["AiFunctions:Storage:ConnectionString"] =
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
        };
    }

    /// <summary>A TCP server that accepts connections and reads requests but never answers (a hung storage front end).</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly List<TcpClient> _clients = [];

        public SilentServer()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    lock (_clients)
                    {
                        _clients.Add(client);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }
}
