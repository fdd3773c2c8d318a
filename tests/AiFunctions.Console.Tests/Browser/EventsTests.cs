using System.Net.Http.Json;
using System.Text.Json;
using AiFunctions.Console.Tests.Support;
using Microsoft.Playwright;

namespace AiFunctions.Console.Tests.Browser;

/// <summary>An operator sees a dead letter with its real cause and replays it after a confirmation.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class EventsTests(ConsoleStack stack)
{
    [Fact]
    public async Task An_operator_replays_a_dead_letter_after_confirming()
    {
        var eventId = await stack.PostPoisonEventAsync();
        using var api = stack.ApiAs("operator");
        var before = await WaitForDeadLetterAsync(api, eventId);

        var page = await stack.SignInAsync("operator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
        await page.GetByLabel("Entity").SelectOptionAsync("hr-events:screening");
        var row = page.GetByTestId("deadletters").Locator("tr", new() { HasText = eventId });
        await Assertions.Expect(row).ToContainTextAsync("ValidationFailed");
        await Assertions.Expect(row).ToContainTextAsync("tenantid");
        await ConsoleStack.ScreenshotAsync(page, "events-deadletters");

        await row.GetByTestId("replay-one").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync(before.GetProperty("messageId").GetString()!);
        await page.GetByTestId("confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("replayed")).ToContainTextAsync("Replayed 1 message(s) on hr-events:screening");

        // The message went back to its subscription (still invalid, it is dead-lettered again: a new sequence number).
        var until = DateTime.UtcNow.AddSeconds(30);
        JsonElement after;
        do
        {
            after = await WaitForDeadLetterAsync(api, eventId);
        }
        while (after.GetProperty("sequenceNumber").GetInt64() == before.GetProperty("sequenceNumber").GetInt64() && DateTime.UtcNow < until && await Pause());
        Assert.NotEqual(before.GetProperty("sequenceNumber").GetInt64(), after.GetProperty("sequenceNumber").GetInt64());
        await page.Context.CloseAsync();
    }

    private static async Task<JsonElement> WaitForDeadLetterAsync(HttpClient api, string eventId)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var list = await api.GetFromJsonAsync<JsonElement>("api/deadletters/hr-events:screening");
            foreach (var m in list.EnumerateArray())
            {
                if (m.GetProperty("eventId").GetString() == eventId)
                {
                    return m;
                }
            }

            await Task.Delay(250);
        }

        throw new Xunit.Sdk.XunitException($"Event {eventId} was not dead-lettered within 30 s.");
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(250);
        return true;
    }
}
