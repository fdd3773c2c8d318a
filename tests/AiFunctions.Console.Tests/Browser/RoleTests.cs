using System.Net;
using System.Net.Http.Json;
using AiFunctions.Console.Tests.Support;
using Microsoft.Playwright;

namespace AiFunctions.Console.Tests.Browser;

/// <summary>
/// A role that may not do something cannot: the console does not offer it (button or page absent) and the API refuses
/// it (403) when asked directly with the same principal's key.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class RoleTests(ConsoleStack stack)
{
    [Fact]
    public async Task An_auditor_reads_a_batch_awaiting_review_but_has_no_decision_to_make_and_the_API_refuses_one()
    {
        var batchId = await stack.SubmitBatchAsync(candidates: 2, withInjection: false);
        await stack.WaitForStatusAsync(batchId, "AwaitingReview");
        var page = await stack.SignInAsync("auditor");
        await page.GotoAsync($"/screenings/{batchId}");
        await Assertions.Expect(page.GetByTestId("no-review")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("approve").CountAsync());
        Assert.Equal(0, await page.GetByTestId("review-panel").CountAsync());
        await ConsoleStack.ScreenshotAsync(page, "review-page-auditor");

        using var api = stack.ApiAs("auditor");
        using var response = await api.PostAsJsonAsync($"api/screenings/{batchId}/review", new { decision = "Approve" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_auditor_sees_dead_letters_without_a_replay_button_and_the_API_refuses_a_replay()
    {
        var eventId = await stack.PostPoisonEventAsync(ConsoleStack.Tenant);
        using (var reader = stack.ApiAs("auditor"))
        {
            await Poll.UntilAsync(
                async () => (await reader.GetStringAsync("api/deadletters/hr-events:screening")).Contains(eventId, StringComparison.Ordinal),
                found => found,
                $"event {eventId} to be dead-lettered");
        }

        var page = await stack.SignInAsync("auditor");
        await page.GotoAsync("/events");
        await page.GetByLabel("Entity").SelectOptionAsync("hr-events:screening");
        await Assertions.Expect(page.GetByTestId("deadletters")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("replay-one").CountAsync());
        Assert.Equal(0, await page.GetByTestId("replay-all").CountAsync());

        using var api = stack.ApiAs("auditor");
        using var response = await api.PostAsync("api/deadletters/hr-events:screening/replay", null);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reviewer_has_no_operator_pages_and_the_API_refuses_them()
    {
        var page = await stack.SignInAsync("reviewer");
        var nav = page.GetByRole(AriaRole.Navigation);
        Assert.Equal(0, await nav.GetByRole(AriaRole.Link, new() { Name = "Events" }).CountAsync());
        Assert.Equal(0, await nav.GetByRole(AriaRole.Link, new() { Name = "Routes" }).CountAsync());
        Assert.Equal(0, await nav.GetByRole(AriaRole.Link, new() { Name = "Providers" }).CountAsync());

        await page.GotoAsync("/routes");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not for your roles");
        Assert.Equal(0, await page.GetByTestId("routes").CountAsync());

        using var api = stack.ApiAs("reviewer");
        using var routes = await api.GetAsync("api/manage/routes");
        Assert.Equal(HttpStatusCode.Forbidden, routes.StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_operator_sees_routes_and_providers_but_no_candidate_data()
    {
        var page = await stack.SignInAsync("operator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Routes" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("routes")).ToContainTextAsync("screening");
        await Assertions.Expect(page.GetByTestId("routes")).ToContainTextAsync("hr-rules-v1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Providers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("instances")).ToContainTextAsync("hr-rules-v1");
        Assert.Equal(0, await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Screening" }).CountAsync());

        using var api = stack.ApiAs("operator");
        using var batches = await api.GetAsync("api/screenings");
        Assert.Equal(HttpStatusCode.Forbidden, batches.StatusCode);
        await page.Context.CloseAsync();
    }
}
