using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiFunctions.DevServices;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Gateway;
using AiFunctions.Hosting.Security;
using AiFunctions.Testing;

namespace AiFunctions.Host.Tests.Integration;

/// <summary>
/// The built standalone host started twice as real processes (different ports) on one redis-server
/// (<c>AiFunctions:SharedState:Redis</c>), the gateway's route "chat" going to a loopback fake OpenAI server (180 tokens
/// per answer): a tenant budget, a tenant rate limit and a target's own request limit hold once across both processes, and a restarted process still
/// refuses the spent budget and reports the spending. Also: a host whose Redis does not answer refuses to start,
/// naming the setting. The in-memory Durable backend and stores (no Azurite needed).
/// </summary>
public sealed class TwoHostProcessesOnOneRedisTests(TwoHostProcessesOnOneRedisTests.Stack stack) : IClassFixture<TwoHostProcessesOnOneRedisTests.Stack>
{
    private const string BudgetKey = "sk-budget-app-0123456789abcdef";
    private const string LimitKey = "sk-limited-app-0123456789abcdef";
    private const string CappedKey = "sk-capped-app-0123456789abcdef";
    private const string ManagerKey = "manager-key-0123456789abcdef0123456789";

    [Fact]
    public async Task A_tenant_budget_holds_once_across_two_processes_and_a_restarted_process_keeps_the_spending()
    {
        // Budget 360 tokens for tenant contoso; each answer costs 180. In process, each host would grant 360 of its own.
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(stack.A, BudgetKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(stack.B, BudgetKey)).Status);
        Assert.Equal((HttpStatusCode.TooManyRequests, "insufficient_quota"), await ChatAsync(stack.A, BudgetKey));
        Assert.Equal((HttpStatusCode.TooManyRequests, "insufficient_quota"), await ChatAsync(stack.B, BudgetKey));
        var upstreamCalls = stack.Upstream.Calls;

        // Restart process A (SIGTERM, then a new process on a new port): the budget is still spent.
        await stack.RestartAAsync();
        Assert.Equal((HttpStatusCode.TooManyRequests, "insufficient_quota"), await ChatAsync(stack.A, BudgetKey));
        Assert.Equal(upstreamCalls, stack.Upstream.Calls);

        // The restarted process reports the spending of both processes from the shared counters.
        using var http = Client(stack.A, ManagerKey);
        using var usage = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/manage/usage", UriKind.Relative)));
        var budget = usage.RootElement.GetProperty("budgets").EnumerateArray().Single(b => b.GetProperty("budget").GetString() == "contoso-total");
        Assert.Equal(360, budget.GetProperty("tokensSpent").GetInt64());
        Assert.Equal(0, budget.GetProperty("tokensRemaining").GetInt64());
    }

    [Fact]
    public async Task A_tenant_rate_limit_holds_once_across_two_processes()
    {
        // The windows are aligned to the UTC minute: do not start the calls in a minute's last seconds.
        if (DateTimeOffset.UtcNow.Second >= 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTimeOffset.UtcNow.Second));
        }

        // Tenant fabrikam may make 3 requests per minute, across every instance.
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(stack.A, LimitKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(stack.B, LimitKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(stack.A, LimitKey)).Status);
        Assert.Equal((HttpStatusCode.TooManyRequests, "rate_limit_exceeded"), await ChatAsync(stack.B, LimitKey));
        Assert.Equal((HttpStatusCode.TooManyRequests, "rate_limit_exceeded"), await ChatAsync(stack.A, LimitKey));
    }

    [Fact]
    public async Task A_targets_request_limit_holds_once_across_two_processes()
    {
        // Windows are aligned to the UTC minute: do not start the calls in a minute's last seconds.
        if (DateTimeOffset.UtcNow.Second >= 45)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTimeOffset.UtcNow.Second));
        }

        // Route "capped" has one target, provider instance "capped", which may take 2 requests a minute across every
        // instance (AiFunctions:RateLimits:Targets:capped). In process, each host would send 2 of its own.
        var before = stack.Upstream.Calls;
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(stack.A, CappedKey, "capped")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ChatAsync(stack.B, CappedKey, "capped")).Status);
        foreach (var host in new[] { stack.A, stack.B })
        {
            // The target is skipped (no target left): 503 with the window's reset as Retry-After, nothing sent.
            var (status, _, retryAfter) = await ChatWithRetryAfterAsync(host, CappedKey, "capped");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter!.Value, 1, 60);
        }

        Assert.Equal(before + 2, stack.Upstream.Calls);
    }

    [Fact]
    public async Task A_host_whose_redis_does_not_answer_refuses_to_start_naming_the_setting()
    {
        var settings = new Dictionary<string, string>(stack.Settings) { ["AiFunctions__SharedState__Redis"] = $"127.0.0.1:{FreePorts.Next()},connectTimeout=2000" };
        var log = Path.Combine(Path.GetTempPath(), $"aifunctions-noredis-{Guid.NewGuid():N}.log");
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            HostProcess.StartAsync(HostProcess.LocateHostDll(RepoRoot.Find()), settings, log, TimeSpan.FromSeconds(120)));
        Assert.Contains("exited", failed.Message, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(log);
        Assert.Contains("'AiFunctions:SharedState:Redis' points at Redis 127.0.0.1:", text, StringComparison.Ordinal);
        Assert.Contains("did not answer", text, StringComparison.Ordinal);
    }

    private static HttpClient Client(HostProcess host, string key)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, key);
        return http;
    }

    /// <summary>One gateway chat call; the status and, for an error, OpenAI's <c>error.code</c>.</summary>
    private static async Task<(HttpStatusCode Status, string? Code)> ChatAsync(HostProcess host, string key, string route = "chat")
    {
        var (status, code, _) = await ChatWithRetryAfterAsync(host, key, route);
        return (status, code);
    }

    /// <summary>One gateway chat call on <paramref name="route"/>: the status, OpenAI's <c>error.code</c> and Retry-After (seconds).</summary>
    private static async Task<(HttpStatusCode Status, string? Code, int? RetryAfter)> ChatWithRetryAfterAsync(HostProcess host, string key, string route)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var body = new StringContent($$"""{"model":"{{route}}","messages":[{"role":"user","content":"Hello?"}]}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("v1/chat/completions", UriKind.Relative), body);
        if (response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null, null);
        }

        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int?)delta.TotalSeconds : null;
        return (response.StatusCode, error.RootElement.GetProperty("error").GetProperty("code").GetString(), retryAfter);
    }

    /// <summary>redis-server, the fake provider and two host processes, started once for the class and stopped by PID.</summary>
    public sealed class Stack : IAsyncLifetime
    {
        private readonly string _logs = Path.Combine(Path.GetTempPath(), "aifunctions-twohosts-" + Guid.NewGuid().ToString("N")[..8]);
        private Dictionary<string, string> _shared = null!;

        public RedisProcess Redis { get; private set; } = null!;

        public FakeOpenAIServer Upstream { get; private set; } = null!;

        public HostProcess A { get; private set; } = null!;

        public HostProcess B { get; private set; } = null!;

        /// <summary>Both hosts' settings, without the Redis (tests reuse them with another).</summary>
        public IReadOnlyDictionary<string, string> Settings { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Redis = await RedisProcess.StartAsync(TimeSpan.FromSeconds(30));
            Upstream = await FakeOpenAIServer.StartAsync();
            var settings = new Dictionary<string, string>
            {
                ["AiFunctions__Durable__Backend"] = "InMemory",
                ["AiFunctions__Storage__Store"] = "InMemory",
                ["AiFunctions__Events__Intake__Mode"] = "Direct",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__AiFunctions.Hosting.Health"] = "Information",
                ["AiFunctions__Providers__fake__Plugin"] = "openai",
                ["AiFunctions__Providers__fake__Endpoint"] = new Uri(Upstream.BaseAddress, "v1").ToString(),
                ["AiFunctions__Providers__fake__ApiKey"] = "sk-test-not-a-real-key",
                ["AiFunctions__Providers__fake__Models__0"] = FakeOpenAIServer.Model,
                ["AiFunctions__Routes__chat__Targets__0__Provider"] = "fake",
                ["AiFunctions__Routes__chat__Targets__0__Model"] = FakeOpenAIServer.Model,
                ["AiFunctions__Routes__chat__MaxRetries"] = "0",
                ["AiFunctions__Routes__chat__Redact"] = "false",
                ["AiFunctions__Providers__capped__Plugin"] = "openai",
                ["AiFunctions__Providers__capped__Endpoint"] = new Uri(Upstream.BaseAddress, "v1").ToString(),
                ["AiFunctions__Providers__capped__ApiKey"] = "sk-test-not-a-real-key",
                ["AiFunctions__Providers__capped__Models__0"] = FakeOpenAIServer.Model,
                ["AiFunctions__Routes__capped__Targets__0__Provider"] = "capped",
                ["AiFunctions__Routes__capped__Targets__0__Model"] = FakeOpenAIServer.Model,
                ["AiFunctions__Routes__capped__MaxRetries"] = "0",
                ["AiFunctions__Routes__capped__Redact"] = "false",
                ["AiFunctions__RateLimits__Targets__capped__RequestsPerMinute"] = "2",
                ["AiFunctions__Gateway__Apps__capped__Tenant"] = "northwind",
                ["AiFunctions__Gateway__Apps__capped__KeySha256__0"] = GatewayDirectory.Hash(CappedKey),
                ["AiFunctions__Gateway__Apps__capped__Routes__0"] = "capped",
                ["AiFunctions__Gateway__Apps__budgeted__Tenant"] = "contoso",
                ["AiFunctions__Gateway__Apps__budgeted__KeySha256__0"] = GatewayDirectory.Hash(BudgetKey),
                ["AiFunctions__Gateway__Apps__budgeted__Routes__0"] = "chat",
                ["AiFunctions__Gateway__Apps__limited__Tenant"] = "fabrikam",
                ["AiFunctions__Gateway__Apps__limited__KeySha256__0"] = GatewayDirectory.Hash(LimitKey),
                ["AiFunctions__Gateway__Apps__limited__Routes__0"] = "chat",
                ["AiFunctions__Budgets__contoso-total__Tenant"] = "contoso",
                ["AiFunctions__Budgets__contoso-total__Period"] = "Total",
                ["AiFunctions__Budgets__contoso-total__MaxTokens"] = "360",
                ["AiFunctions__RateLimits__Tenants__fabrikam__RequestsPerMinute"] = "3",
                ["AiFunctions__Auth__ApiKeys__manager__KeyHash"] = ApiKeyHash.Compute(ManagerKey),
                ["AiFunctions__Auth__ApiKeys__manager__Tenant"] = "contoso",
                ["AiFunctions__Auth__ApiKeys__manager__Roles__0"] = ApiRoles.Operator,
                ["AiFunctions__Auth__ApiKeys__manager__Roles__1"] = ApiRoles.Auditor,
            };
            var shared = new Dictionary<string, string>(settings)
            {
                ["AiFunctions__SharedState__Redis"] = Redis.ConnectionString,
                ["AiFunctions__SharedState__KeyPrefix"] = "twohosts:",
            };
            Settings = settings;
            _shared = shared;

            // Both at once: each start is mostly waiting for the runtime and JIT, which overlaps well even on 2 cores.
            var a = StartAsync("a");
            var b = StartAsync("b");
            try
            {
                A = await a;
                B = await b;
            }
            catch
            {
                await DisposeStartedAsync(a);
                await DisposeStartedAsync(b);
                throw;
            }
        }

        public async Task RestartAAsync()
        {
            await A.StopAsync(TimeSpan.FromSeconds(20));
            await A.DisposeAsync();
            A = await StartAsync("a-restarted");
        }

        public async Task DisposeAsync()
        {
            foreach (var host in new[] { A, B })
            {
                if (host is not null)
                {
                    await host.DisposeAsync();
                }
            }

            if (Upstream is not null)
            {
                await Upstream.DisposeAsync();
            }

            if (Redis is not null)
            {
                await Redis.DisposeAsync();
            }
        }

        private Task<HostProcess> StartAsync(string name) =>
            HostProcess.StartAsync(HostProcess.LocateHostDll(RepoRoot.Find()), _shared, Path.Combine(_logs, name + ".log"), TimeSpan.FromSeconds(180));

        private static async Task DisposeStartedAsync(Task<HostProcess> start)
        {
            try
            {
                await (await start).DisposeAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                // It never started (and disposed itself).
            }
        }
    }
}
