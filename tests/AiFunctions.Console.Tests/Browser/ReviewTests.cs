using System.Net.Http.Json;
using System.Text.Json;
using AiFunctions.Console.Tests.Support;
using Microsoft.Playwright;

namespace AiFunctions.Console.Tests.Browser;

/// <summary>A reviewer reviews a batch in the browser: evidence, flags, provenance, held candidates; approves; the API records them.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReviewTests(ConsoleStack stack)
{
    [Fact]
    public async Task A_reviewer_reads_the_evidence_and_approves_the_shortlist_and_the_trail_records_them()
    {
        var batchId = await stack.SubmitBatchAsync();
        await stack.WaitForStatusAsync(batchId, "AwaitingReview");

        var page = await stack.SignInAsync("reviewer");
        await page.GetByRole(AriaRole.Link, new() { Name = "Screening" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = batchId }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("review-panel")).ToBeVisibleAsync();

        // Every shortlisted candidate with verbatim evidence and provenance; the injection candidate held with its reasons.
        await Assertions.Expect(page.GetByTestId("shortlist")).ToContainTextAsync("Test Person");
        Assert.True(await page.Locator("q").CountAsync() > 0, "no evidence quote shown");
        await Assertions.Expect(page.GetByTestId("provenance").First).ToContainTextAsync("hr-rules-v1");
        await Assertions.Expect(page.Locator("#held-h")).ToContainTextAsync("Held candidates (1)");
        await Assertions.Expect(page.GetByTestId("hold-reasons")).ToContainTextAsync("PromptInjection");
        await Assertions.Expect(page.Locator("time").First).ToContainTextAsync("UTC+05:30");
        await ConsoleStack.ScreenshotAsync(page, "review-page");
        await ConsoleStack.ScreenshotAsync(page, "review-page-top", fullPage: false); // docs/images/console-review.png

        await page.GetByLabel("Comment (recorded in the decision trail)").FillAsync("Evidence checked against the criteria.");
        await page.GetByTestId("approve").ClickAsync();
        await page.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("decided")).ToContainTextAsync($"Approve recorded as {ConsoleStack.Principals["reviewer"].Name}");

        // The page follows the batch live until the workflow has applied the decision.
        await Assertions.Expect(page.Locator(".summary .badge").First).ToHaveTextAsync("Approved", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("trail")).ToContainTextAsync(ConsoleStack.Principals["reviewer"].Name);
        await ConsoleStack.ScreenshotAsync(page, "review-approved");

        using var api = stack.ApiAs("auditor");
        var results = await api.GetFromJsonAsync<JsonElement>($"api/screenings/{batchId}/results");
        var approved = results.GetProperty("decisionTrail").GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Approved");
        Assert.Equal(ConsoleStack.Principals["reviewer"].Name, approved.GetProperty("actor").GetString());
        Assert.Equal("Evidence checked against the criteria.", approved.GetProperty("comment").GetString());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reviewer_releases_a_held_candidate_with_a_reason()
    {
        var batchId = await stack.SubmitBatchAsync(candidates: 2);
        await stack.WaitForStatusAsync(batchId, "AwaitingReview");
        var page = await stack.SignInAsync("reviewer");
        await page.GotoAsync($"/screenings/{batchId}");
        await page.GetByLabel("Reason to release cand-held").FillAsync("Read the resume: the sentence is odd but the experience is real.");
        await page.GetByTestId("release").ClickAsync();
        await Assertions.Expect(page.GetByTestId("decided")).ToContainTextAsync("Released 1 candidate(s)");

        using var api = stack.ApiAs("reviewer");
        var until = DateTime.UtcNow.AddSeconds(30);
        JsonElement held;
        do
        {
            var results = await api.GetFromJsonAsync<JsonElement>($"api/screenings/{batchId}/results");
            held = results.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("candidateId").GetString() == "cand-held");
        }
        while (!(held.TryGetProperty("hold", out var h) && h.TryGetProperty("releasedBy", out var by) && by.ValueKind == JsonValueKind.String) && DateTime.UtcNow < until && await Delay());
        Assert.Equal(ConsoleStack.Principals["reviewer"].Name, held.GetProperty("hold").GetProperty("releasedBy").GetString());
        await page.Context.CloseAsync();
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }
}
