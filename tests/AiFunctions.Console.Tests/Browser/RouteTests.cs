using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFunctions.Console.Tests.Support;
using Microsoft.Playwright;

namespace AiFunctions.Console.Tests.Browser;

/// <summary>
/// An operator changes a route in the console; the next batch is scored by the new target without a restart; the
/// change is recorded (who, why) and rolled back from the history, and the batch after that uses the configuration again.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RouteTests(ConsoleStack stack)
{
    [Fact]
    public async Task A_route_changed_in_the_console_scores_the_next_batch_and_rolls_back_from_its_history()
    {
        var page = await stack.SignInAsync("operator");
        try
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Routes" }).ClickAsync();
            var row = page.Locator("tr[data-route=screening]");
            await Assertions.Expect(row).ToContainTextAsync("local/hr-rules-v1");
            await row.GetByTestId("change").ClickAsync();
            await page.GetByLabel("Provider of target 1").FillAsync("local2");
            await page.GetByLabel("Reason (recorded with the version)").FillAsync("Try the second instance");
            await page.GetByTestId("save-route").ClickAsync();
            var operatorName = ConsoleStack.Principals["operator"].Name;
            await Assertions.Expect(page.GetByTestId("route-saved")).ToContainTextAsync($"screening is now v");
            await Assertions.Expect(page.GetByTestId("route-saved")).ToContainTextAsync($"local2/hr-rules-v1), changed by {operatorName}");
            await Assertions.Expect(row).ToContainTextAsync("local2/hr-rules-v1");
            await ConsoleStack.ScreenshotAsync(page, "routes-changed");

            // The next batch, no restart: scored by the new target.
            var next = await stack.SubmitBatchAsync(candidates: 2, withInjection: false);
            await stack.WaitForStatusAsync(next, "AwaitingReview");
            Assert.Equal(["local2"], await stack.ScoredByAsync(next));

            // The history records who and why; roll back to the configuration (version 0).
            await row.GetByTestId("history").ClickAsync();
            var versions = page.GetByTestId("versions");
            await Assertions.Expect(versions.Locator("tr", new() { HasText = "Try the second instance" })).ToContainTextAsync(operatorName);
            await versions.Locator("tr[data-version='0']").GetByTestId("rollback").ClickAsync();
            await page.GetByTestId("confirm").ClickAsync();
            await Assertions.Expect(page.GetByTestId("route-saved")).ToContainTextAsync("the settings of v0 (local/hr-rules-v1)");
            await Assertions.Expect(versions.Locator("tr").Nth(1)).ToContainTextAsync("Rollback to v0");

            var after = await stack.SubmitBatchAsync(candidates: 2, withInjection: false);
            await stack.WaitForStatusAsync(after, "AwaitingReview");
            Assert.Equal(["local"], await stack.ScoredByAsync(after));
        }
        finally
        {
            // Leave the shared stack on the configuration whatever happened above.
            using var api = stack.ApiAs("operator");
            var route = await api.GetFromJsonAsync<JsonElement>("api/manage/routes/screening");
            if (route.GetProperty("settings").GetProperty("targets")[0].GetProperty("provider").GetString() != "local")
            {
                using var _ = await api.PostAsJsonAsync("api/manage/routes/screening/rollback", new { toVersion = 0, reason = "test cleanup" });
            }

            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_auditor_reads_routes_and_their_history_but_cannot_change_them()
    {
        var page = await stack.SignInAsync("auditor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Routes" }).ClickAsync();
        var row = page.Locator("tr[data-route=screening]");
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("change").CountAsync());
        await row.GetByTestId("history").ClickAsync();
        await Assertions.Expect(page.GetByTestId("versions")).ToContainTextAsync("Configuration");
        Assert.Equal(0, await page.GetByTestId("rollback").CountAsync());

        using var api = stack.ApiAs("auditor");
        using var change = await api.PutAsJsonAsync("api/manage/routes/screening", new { strategy = "Failover", targets = new[] { new { provider = "local2", model = "hr-rules-v1" } } });
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        using var rollback = await api.PostAsJsonAsync("api/manage/routes/screening/rollback", new { toVersion = 0 });
        Assert.Equal(HttpStatusCode.Forbidden, rollback.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Usage_and_cost_show_the_tenants_calls_and_export_CSV()
    {
        var batch = await stack.SubmitBatchAsync(candidates: 2, withInjection: false);
        await stack.WaitForStatusAsync(batch, "AwaitingReview");
        var page = await stack.SignInAsync("operator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Usage and cost" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("usage-totals")).ToContainTextAsync("screening");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("usage-csv").ClickAsync());
        Assert.Equal("usage-by-route-per-day.csv", download.SuggestedFilename);
        var path = Path.Combine(ConsoleStack.ArtifactsDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var csv = await File.ReadAllTextAsync(path);
        Assert.StartsWith("periodStart,route,calls,", csv, StringComparison.Ordinal);
        Assert.Contains(",screening,", csv, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
