using System.Net;
using System.Net.Http.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Api.Management;
using AiFunctions.Hosting.Management;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// <c>GET /api/manage/usage</c>: real kernel calls to a loopback provider (120 + 60 tokens each, priced) booked for two
/// tenants and several workflows; each tenant sees only its own usage, grouped and by period, with its budgets and what
/// remains, as JSON or CSV; a second host of the deployment sees the first host's usage once it is flushed.
/// </summary>
public sealed class UsageTests : IClassFixture<PricedHostFactory>
{
    private readonly PricedHostFactory _factory;

    public UsageTests(PricedHostFactory factory)
    {
        _factory = factory;
        lock (factory)
        {
            if (!Booked.Contains(factory))
            {
                Task.Run(() => BookAsync(factory)).GetAwaiter().GetResult();
                Booked.Add(factory);
            }
        }
    }

    private static readonly HashSet<PricedHostFactory> Booked = [];

    /// <summary>contoso: 3 calls (2 resume-screening, 1 a workflow named like a spreadsheet formula); fabrikam: 2 calls.</summary>
    private static async Task BookAsync(TwoTargetHostFactory factory)
    {
        var chat = factory.Services.GetRequiredKeyedService<IChatClient>(RouteKeys.Chat("screening"));
        foreach (var (tenant, workflow) in new[] { ("contoso", "resume-screening"), ("contoso", "resume-screening"), ("contoso", "=HYPERLINK(\"x\")"), ("fabrikam", "resume-screening"), ("fabrikam", "drafting") })
        {
            using var scope = AiCallContext.Begin(new AiCallContext(tenant, workflow));
            await chat.GetResponseAsync("Say hello.");
        }
    }

    [Fact]
    public async Task Each_tenant_sees_only_its_own_usage_with_tokens_cost_and_budgets()
    {
        using var contoso = _factory.CreateClientFor("operator");
        using var fabrikam = _factory.CreateClientFor("other");

        var mine = (await contoso.GetFromJsonAsync<UsageReport>("/api/manage/usage?groupBy=tenant", ApiJson.Options))!;
        var theirs = (await fabrikam.GetFromJsonAsync<UsageReport>("/api/manage/usage?groupBy=tenant&tenant=contoso", ApiJson.Options))!;

        Assert.Equal("contoso", mine.Tenant);
        var total = Assert.Single(mine.Totals);
        Assert.Equal(("contoso", 3L, 360L, 180L, 540L), (total.Key, total.Calls, total.InputTokens, total.OutputTokens, total.TotalTokens));
        Assert.Equal((0.72m, "EUR"), (total.Cost, total.Currency));
        Assert.Equal("fabrikam", theirs.Tenant);
        Assert.Equal(("fabrikam", 2L), (Assert.Single(theirs.Totals).Key, theirs.Totals[0].Calls));

        var daily = Assert.Single(mine.Budgets, b => b.Budget == "contoso-daily");
        Assert.Equal((540L, 9460L), (daily.TokensSpent, daily.TokensRemaining));
        var monthly = Assert.Single(mine.Budgets, b => b.Budget == "everyone-monthly");
        Assert.Equal((0.72m, 99.28m), (monthly.CostSpent, monthly.CostRemaining));
        Assert.DoesNotContain(theirs.Budgets, b => b.Budget == "contoso-daily");
        Assert.Equal(0.48m, Assert.Single(theirs.Budgets).CostSpent);
    }

    [Fact]
    public async Task Usage_groups_by_workflow_and_model_per_hour()
    {
        using var client = _factory.CreateClientFor("auditor");

        var byWorkflow = (await client.GetFromJsonAsync<UsageReport>("/api/manage/usage?groupBy=workflow&period=hour", ApiJson.Options))!;
        var byModel = (await client.GetFromJsonAsync<UsageReport>("/api/manage/usage?groupBy=model", ApiJson.Options))!;

        Assert.Equal((UsageGrouping.Workflow, UsagePeriod.Hour), (byWorkflow.GroupBy, byWorkflow.Period));
        Assert.Equal(2, byWorkflow.Totals.Single(t => t.Key == "resume-screening").Calls);
        Assert.All(byWorkflow.Rows, r => Assert.Equal(0, r.PeriodStart!.Value.Minute));
        Assert.Equal(3, byWorkflow.Rows.Sum(r => r.Calls));
        Assert.Equal(TimeSpan.FromHours(24), byWorkflow.To - byWorkflow.From);
        Assert.Equal((FakeOpenAIServer.Model, 3L), (Assert.Single(byModel.Totals).Key, byModel.Totals[0].Calls));
        Assert.Equal(TimeSpan.Zero, byModel.Rows.Single().PeriodStart!.Value.TimeOfDay);
    }

    [Fact]
    public async Task Csv_export_has_a_header_every_row_and_no_live_formula()
    {
        using var client = _factory.CreateClientFor("operator");

        using var response = await client.GetAsync(new Uri("/api/manage/usage?groupBy=workflow&format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("periodStart,workflow,calls,inputTokens,outputTokens,cachedInputTokens,totalTokens,cost,currency", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains(",resume-screening,2,240,120,0,360,0.48,EUR", StringComparison.Ordinal));
        var formula = Assert.Single(lines, l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.DoesNotContain(",=HYPERLINK", formula, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", formula, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("groupBy=team", "groupBy 'team' is not one of tenant, route, workflow, model")]
    [InlineData("period=week", "period 'week' is not one of hour, day")]
    [InlineData("from=yesterday", "from 'yesterday' is not a timestamp")]
    [InlineData("period=hour&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", "the most for period=hour is 7 days")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "is not before to")]
    [InlineData("format=xlsx", "format 'xlsx' is not json or csv")]
    public async Task Bad_queries_are_400_naming_the_parameter(string query, string expected)
    {
        using var client = _factory.CreateClientFor("operator");

        using var response = await client.GetAsync(new Uri("/api/manage/usage?" + query, UriKind.Relative));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_page_with_a_continuation_token()
    {
        using var client = _factory.CreateClientFor("operator");

        var first = (await client.GetFromJsonAsync<UsageReport>("/api/manage/usage?groupBy=workflow&pageSize=1", ApiJson.Options))!;
        var second = (await client.GetFromJsonAsync<UsageReport>(first.NextUri!, ApiJson.Options))!;

        Assert.Single(first.Rows);
        Assert.Single(second.Rows);
        Assert.NotEqual(first.Rows[0].Key, second.Rows[0].Key);
        Assert.Null(second.NextUri);
        Assert.Equal(2, second.Totals.Count);
    }

    [Fact]
    public async Task Another_host_of_the_deployment_sees_this_hosts_usage_after_a_flush()
    {
        var store = new InMemoryUsageHistoryStore();
        IAsyncLifetime first = new TwoTargetHostFactory { SharedUsageStore = store }, second = new TwoTargetHostFactory { SharedUsageStore = store };
        await first.InitializeAsync();
        await second.InitializeAsync();
        try
        {
            var one = (TwoTargetHostFactory)first;
            var two = (TwoTargetHostFactory)second;
            using var reader = two.CreateClientFor("operator");
            await BookAsync(one);
            var before = (await reader.GetFromJsonAsync<UsageReport>("/api/manage/usage", ApiJson.Options))!;

            Assert.True(await one.Services.GetRequiredService<UsageHistoryFlush>().FlushAsync(CancellationToken.None) > 0);
            var after = (await reader.GetFromJsonAsync<UsageReport>("/api/manage/usage", ApiJson.Options))!;

            Assert.Empty(before.Totals);
            Assert.Equal(3, Assert.Single(after.Totals).Calls);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }
}
