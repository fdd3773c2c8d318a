using AiFunctions.Console.Tests.Support;
using Microsoft.Playwright;

namespace AiFunctions.Console.Tests.Browser;

/// <summary>
/// The Events page lists the tenant's recent inbound events with their outcome and correlation id; what a producer put
/// in an event's id or correlation id is shown as text, never run as markup.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class InboundEventsTests(ConsoleStack stack)
{
    [Fact]
    public async Task Recent_inbound_events_show_outcome_and_correlation_id_and_markup_in_them_stays_text()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var plainId = $"ui-in-{run}";
        var markupId = $"<img src=x onerror=\"window.__xss=1\">{run}";
        await stack.PostRequisitionEventAsync(plainId, $"corr-{run}");
        await stack.PostRequisitionEventAsync(markupId, $"<script>window.__xss=2</script>{run}");

        var page = await stack.SignInAsync("operator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
        var table = page.GetByTestId("recent-inbound");
        var row = table.Locator("tr", new() { HasText = plainId });
        await Assertions.Expect(row).ToContainTextAsync($"corr-{run}");
        await Assertions.Expect(row).ToContainTextAsync("hr.requisition.opened");
        await Assertions.Expect(table.Locator("tr", new() { HasText = run }).Filter(new() { HasText = "<img src=x" })).ToContainTextAsync("<script>window.__xss=2</script>");
        Assert.Equal(0, await table.Locator("img").CountAsync());
        Assert.Equal(0, await table.Locator("script").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        await ConsoleStack.ScreenshotAsync(page, "events-recent-inbound");
        await page.Context.CloseAsync();
    }
}
