using AiFunctions.Console.Tests.Support;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AiFunctions.Console.Tests.Browser;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright, the engine shipped inside the NuGet package; no network) on the main pages in
/// chromium: no WCAG 2.1 A/AA violation. Keyboard: focus moves to the page heading on navigation, the skip link is the first tab stop and moves focus to the content, links work with Enter.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsoleStack stack)
{
    private static readonly AxeRunOptions Wcag = new() { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };

    [Fact]
    public async Task The_main_pages_have_no_WCAG_A_or_AA_violations()
    {
        var batchId = await stack.SubmitBatchAsync(candidates: 2);
        await stack.WaitForStatusAsync(batchId, "AwaitingReview");
        var failures = new List<string>();

        var anonymous = await stack.Browser.NewContextAsync(new() { BaseURL = stack.ConsoleBase.ToString() });
        var signIn = await anonymous.NewPageAsync();
        await signIn.GotoAsync("/signin");
        await CheckAsync(signIn, "sign-in", failures);
        await anonymous.CloseAsync();

        var reviewer = await stack.SignInAsync("reviewer");
        await CheckAsync(reviewer, "overview", failures);
        await reviewer.GotoAsync("/screenings");
        await reviewer.GetByTestId("batches").WaitForAsync();
        await CheckAsync(reviewer, "screenings", failures);
        await reviewer.GotoAsync($"/screenings/{batchId}");
        await reviewer.GetByTestId("review-panel").WaitForAsync();
        await CheckAsync(reviewer, "review", failures);
        await reviewer.Context.CloseAsync();

        await stack.PostRequisitionEventAsync("axe-" + Guid.NewGuid().ToString("N")[..8], "axe-correlation");
        var op = await stack.SignInAsync("operator");
        await op.GotoAsync("/events");
        await op.GetByRole(AriaRole.Heading, new() { Name = "Recent outbound events" }).WaitForAsync();
        await op.GetByTestId("recent-inbound").WaitForAsync();
        await CheckAsync(op, "events", failures);
        await op.GotoAsync("/routes");
        await op.GetByTestId("routes").WaitForAsync();
        await CheckAsync(op, "routes", failures);
        await op.Context.CloseAsync();

        using (var submitter = stack.ApiAs("submitter"))
        using (var erased = await submitter.DeleteAsync("api/candidates/axe-" + Guid.NewGuid().ToString("N")[..8]))
        {
            Assert.True(erased.IsSuccessStatusCode);
        }

        var auditor = await stack.SignInAsync("auditor");
        await auditor.GotoAsync("/audit");
        await auditor.GetByTestId("erasure-audit").WaitForAsync();
        await CheckAsync(auditor, "audit", failures);
        await auditor.Context.CloseAsync();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Focus_lands_on_the_heading_after_navigation_and_the_skip_link_is_the_first_tab_stop()
    {
        var page = await stack.SignInAsync("reviewer");
        await page.GetByRole(AriaRole.Link, new() { Name = "Screening" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();

        const string firstTabStop = "document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])')";
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>(firstTabStop + ".textContent"));
        await page.Locator(".skip-link").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));

        // The review actions are reachable and operable from the keyboard alone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overview");
        await page.Context.CloseAsync();
    }

    private static async Task CheckAsync(IPage page, string name, List<string> failures)
    {
        var result = await page.RunAxe(Wcag);
        foreach (var v in result.Violations)
        {
            failures.Add($"{name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
        }
    }
}
