using AiFunctions.Kernel.Accounting;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Errors;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AiFunctions.Kernel.Tests;

public sealed class AccountingTests
{
    [Fact]
    public async Task Ledger_sums_tokens_and_cost_per_route_target_tenant_workflow_and_model()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("Pricing:m1:InputPerMillion", "2.50"), ("Pricing:m1:OutputPerMillion", "10"), ("Pricing:m1:CachedInputPerMillion", "1.25"), ("Pricing:m1:Currency", "EUR")));
        k.Plugin.Client("a", "m1").Reply("x", input: 1_000_000, output: 100_000, cached: 400_000);
        using (AiCallContext.Begin(new("contoso", "screening")))
        {
            await k.Route("r").GetResponseAsync("1");
            await k.Route("r").GetResponseAsync("2");
        }

        var ledger = k.Get<IUsageLedger>();
        var total = ledger.Total;
        Assert.Equal((2_000_000L, 200_000L, 800_000L), (total.InputTokens, total.OutputTokens, total.CachedInputTokens));
        // per call: 600k × 2.50 + 400k × 1.25 + 100k × 10 per million = 1.5 + 0.5 + 1.0 = 3.0
        Assert.Equal(6.0m, total.Cost);
        Assert.Equal("EUR", total.Currency);
        Assert.Equal(6.0m, ledger.TotalsBy(UsageDimension.Tenant)["contoso"].Cost);
        Assert.Equal(6.0m, ledger.TotalsBy(UsageDimension.Workflow)["screening"].Cost);
        Assert.Equal(6.0m, ledger.TotalsBy(UsageDimension.Route)["r"].Cost);
        Assert.Equal(6.0m, ledger.TotalsBy(UsageDimension.Target)["a/m1"].Cost);
        Assert.Equal(6.0m, ledger.TotalsBy(UsageDimension.Model)["m1"].Cost);
    }

    [Fact]
    public void Ledger_is_thread_safe()
    {
        var ledger = new UsageLedger();
        Parallel.For(0, 10_000, i => ledger.Record(new UsageRecord("r", "t", "m", $"tenant{i % 3}", "w", new CallUsage(1, 2, 0, 0.5m, "USD"))));

        Assert.Equal(10_000, ledger.Total.InputTokens);
        Assert.Equal(5_000m, ledger.Total.Cost);
        Assert.Equal(10_000, ledger.TotalsBy(UsageDimension.Tenant).Values.Sum(u => u.InputTokens));
    }

    [Fact]
    public async Task Metrics_report_tokens_cost_duration_failures_and_failovers_with_dimensions()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(("Pricing:m1:InputPerMillion", "1000")));
        var metrics = k.Get<KernelMetrics>();
        using var tokens = new MetricCollector<long>(metrics.Tokens);
        using var cost = new MetricCollector<double>(metrics.Cost);
        using var duration = new MetricCollector<double>(metrics.Duration);
        using var failovers = new MetricCollector<long>(metrics.Failovers);
        using var failures = new MetricCollector<long>(metrics.Failures);
        k.Plugin.Client("a", "m1").Throw(new ProviderException(AiFailureReason.Unavailable, "a", "HTTP 503", 503));

        using (AiCallContext.Begin(new("contoso", "screening")))
        {
            await k.Route("r").GetResponseAsync("hi");
        }

        var input = Assert.Single(tokens.GetMeasurementSnapshot(), m => (string?)m.Tags["gen_ai.token.type"] == "input");
        Assert.Equal(10, input.Value);
        Assert.Equal(("r", "b/m1", "contoso", "screening", "m1"),
            ((string?)input.Tags["aifunctions.route"], (string?)input.Tags["aifunctions.route.target"], (string?)input.Tags["aifunctions.tenant"], (string?)input.Tags["aifunctions.workflow"], (string?)input.Tags["gen_ai.request.model"]));
        Assert.Equal(0.01, Assert.Single(cost.GetMeasurementSnapshot()).Value, 6);
        Assert.Equal(2, duration.GetMeasurementSnapshot().Count);
        Assert.Equal("Unavailable", Assert.Single(failures.GetMeasurementSnapshot()).Tags["error.type"]);
        Assert.Equal("b/m1", Assert.Single(failovers.GetMeasurementSnapshot()).Tags["aifunctions.route.target"]);
    }
}
