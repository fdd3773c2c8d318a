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
        var page = await stack.SignInAsync("service-operator");
        try
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Routes" }).ClickAsync();
            var row = page.Locator("tr[data-route=screening]");
            await Assertions.Expect(row).ToContainTextAsync("local/hr-rules-v1");
            await row.GetByTestId("change").ClickAsync();
            await page.GetByLabel("Provider of target 1").FillAsync("local2");
            await page.GetByLabel("Reason (recorded with the version)").FillAsync("Try the second instance");
            await page.GetByTestId("save-route").ClickAsync();
            var operatorName = ConsoleStack.Principals["service-operator"].Name;
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

            // The audit page lists the change and the rollback.
            await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("route-change-audit")).ToContainTextAsync("Try the second instance");
            await Assertions.Expect(page.GetByTestId("route-change-audit")).ToContainTextAsync("Rollback to v0");

            var after = await stack.SubmitBatchAsync(candidates: 2, withInjection: false);
            await stack.WaitForStatusAsync(after, "AwaitingReview");
            Assert.Equal(["local"], await stack.ScoredByAsync(after));
        }
        finally
        {
            // Leave the shared stack on the configuration whatever happened above.
            using var api = stack.ApiAs("service-operator");
            var route = await api.GetFromJsonAsync<JsonElement>("api/manage/routes/screening");
            if (route.GetProperty("settings").GetProperty("targets")[0].GetProperty("provider").GetString() != "local")
            {
                using var _ = await api.PostAsJsonAsync("api/manage/routes/screening/rollback", new { toVersion = 0, reason = "test cleanup" });
            }

            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_tenant_operator_reads_routes_but_cannot_change_them_and_the_API_answers_403_naming_the_role()
    {
        var page = await stack.SignInAsync("operator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Routes" }).ClickAsync();
        var row = page.Locator("tr[data-route=screening]");
        await Assertions.Expect(row).ToContainTextAsync("local/hr-rules-v1");
        Assert.Equal(0, await page.GetByTestId("change").CountAsync());
        await row.GetByTestId("history").ClickAsync();
        await Assertions.Expect(page.GetByTestId("versions")).ToContainTextAsync("Configuration");
        Assert.Equal(0, await page.GetByTestId("rollback").CountAsync());
        await Assertions.Expect(page.GetByTestId("route-change-note")).ToContainTextAsync("ServiceOperator");
        await ConsoleStack.ScreenshotAsync(page, "routes-tenant-operator");

        using var api = stack.ApiAs("operator");
        var before = await api.GetFromJsonAsync<JsonElement>("api/manage/routes/screening");
        using var change = await api.PutAsJsonAsync("api/manage/routes/screening", new { strategy = "Failover", targets = new[] { new { provider = "local2", model = "hr-rules-v1" } } });
        using var rollback = await api.PostAsJsonAsync("api/manage/routes/screening/rollback", new { toVersion = 0 });
        foreach (var response in new[] { change, rollback })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("needs the role ServiceOperator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var after = await api.GetFromJsonAsync<JsonElement>("api/manage/routes/screening");
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_routes_page_shows_each_routes_budgets_with_what_remains_and_the_limits_are_read_only()
    {
        var page = await stack.SignInAsync("auditor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Routes" }).ClickAsync();
        var budgets = page.Locator("tr[data-route=screening]").GetByTestId("route-budgets");
        await Assertions.Expect(budgets).ToContainTextAsync("ui-monthly, monthly");
        await Assertions.Expect(budgets).ToContainTextAsync($"of {ConsoleStack.BudgetTokens} tokens left");
        var text = await budgets.InnerTextAsync();
        var left = long.Parse(System.Text.RegularExpressions.Regex.Match(text, @": (\d+) of").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(left, 0, ConsoleStack.BudgetTokens);
        await Assertions.Expect(page.Locator("tr[data-route=drafting]").GetByTestId("route-budgets")).ToContainTextAsync("no budget");
        await Assertions.Expect(page.GetByText("so they are read-only here")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
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
    public async Task Usage_and_cost_show_the_tenants_calls_on_the_overview_and_the_usage_page_and_export_CSV()
    {
        var batch = await stack.SubmitBatchAsync(candidates: 2, withInjection: false);
        await stack.WaitForStatusAsync(batch, "AwaitingReview");
        var page = await stack.SignInAsync("operator");
        var callsToday = await page.GetByTestId("calls-today").InnerTextAsync();
        Assert.True(int.Parse(callsToday, System.Globalization.CultureInfo.InvariantCulture) >= 2, $"the overview shows {callsToday} provider calls today");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Usage and cost" }).ClickAsync();
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
