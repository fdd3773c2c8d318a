using System.Diagnostics.Metrics;
using AiFunctions.Kernel.Context;
using AiFunctions.Kernel.Tests.Support;
using Microsoft.Extensions.AI;

namespace AiFunctions.Kernel.Tests;

/// <summary>The observable gauges of what is left of each budget.</summary>
public sealed class BudgetGaugeTests
{
    [Fact]
    public async Task Remaining_tokens_per_tenant_fall_with_spending_never_below_zero_and_reset_with_the_period()
    {
        using var k = KernelHarness.Create(KernelHarness.FailoverRoute(
            ("Budgets:gauge-test-daily:Tenant", "contoso"), ("Budgets:gauge-test-daily:Route", "r"),
            ("Budgets:gauge-test-daily:Period", "Daily"), ("Budgets:gauge-test-daily:MaxTokens", "20")));
        var client = k.Route("r"); // each call: 10 input + 5 output tokens
        // A plain listener: kernels of tests running in parallel publish the same gauge, so take this test's budget only.
        var measured = new List<(double Value, Dictionary<string, object?> Tags)>();
        using var gauge = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "AiFunctions.Kernel" && instrument.Name == "aifunctions.kernel.budget.tokens.remaining")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        gauge.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            lock (measured)
            {
                measured.Add((value, map));
            }
        });
        gauge.Start();

        double Remaining()
        {
            lock (measured)
            {
                measured.Clear();
            }

            gauge.RecordObservableInstruments();
            (double Value, Dictionary<string, object?> Tags) last;
            lock (measured)
            {
                last = Assert.Single(measured, m => "gauge-test-daily".Equals(m.Tags["aifunctions.budget"]));
            }

            Assert.Equal("contoso", last.Tags["aifunctions.tenant"]);
            Assert.Equal("daily", last.Tags["aifunctions.budget.period"]);
            return last.Value;
        }

        using (AiCallContext.Begin(new("contoso", "wf")))
        {
            await client.GetResponseAsync("1");
            Assert.Equal(5, Remaining());
            await client.GetResponseAsync("2");
            Assert.Equal(0, Remaining()); // 30 spent of 20: clamped
        }

        // A new period: a budget naming one tenant shows its full amount before that tenant spends.
        k.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(20, Remaining());
    }
}
