using System.Net.Http.Json;
using System.Text.Json;
using AiFunctions.Console.Tests.Support;
using Microsoft.Playwright;

namespace AiFunctions.Console.Tests.Browser;

/// <summary>
/// A service operator sees a dead letter with its real cause and replays it after a confirmation; a tenant's operator
/// sees it without a replay button, and the API refuses the replay naming the role.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EventsTests(ConsoleStack stack)
{
    [Fact]
    public async Task A_service_operator_replays_a_dead_letter_after_confirming()
    {
        var eventId = await stack.PostPoisonEventAsync();
        using var api = stack.ApiAs("service-operator");
        var before = await WaitForDeadLetterAsync(api, eventId);

        var page = await stack.SignInAsync("service-operator");
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
        var after = await Poll.UntilAsync(
            () => WaitForDeadLetterAsync(api, eventId),
            m => m.GetProperty("sequenceNumber").GetInt64() != before.GetProperty("sequenceNumber").GetInt64(),
            "the replayed copy to be dead-lettered again");
        Assert.NotEqual(before.GetProperty("sequenceNumber").GetInt64(), after.GetProperty("sequenceNumber").GetInt64());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_tenant_operator_sees_its_tenants_dead_letters_only_without_replay_and_the_API_refuses_a_replay_naming_the_role()
    {
        var nobodys = await stack.PostPoisonEventAsync();
        var eventId = await stack.PostPoisonEventAsync(ConsoleStack.Tenant);
        using var service = stack.ApiAs("service-operator");
        await WaitForDeadLetterAsync(service, nobodys);
        using var api = stack.ApiAs("operator");
        await WaitForDeadLetterAsync(api, eventId);

        var page = await stack.SignInAsync("operator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
        await page.GetByLabel("Entity").SelectOptionAsync("hr-events:screening");
        await Assertions.Expect(page.GetByTestId("deadletters").Locator("tr", new() { HasText = eventId })).ToContainTextAsync("ValidationFailed");
        Assert.Equal(0, await page.GetByTestId("deadletters").Locator("tr", new() { HasText = nobodys }).CountAsync());
        var listed = await api.GetFromJsonAsync<JsonElement>("api/deadletters/hr-events:screening?max=500");
        Assert.All(listed.EnumerateArray(), m => Assert.Equal(ConsoleStack.Tenant, m.GetProperty("tenant").GetString()));
        Assert.Equal(0, await page.GetByTestId("replay-one").CountAsync());
        Assert.Equal(0, await page.GetByTestId("replay-all").CountAsync());

        using var replay = await api.PostAsync("api/deadletters/hr-events:screening/replay", null);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, replay.StatusCode);
        var problem = await replay.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("needs the role ServiceOperator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static async Task<JsonElement> WaitForDeadLetterAsync(HttpClient api, string eventId) =>
        (await Poll.UntilAsync(
            async () => (await api.GetFromJsonAsync<JsonElement>("api/deadletters/hr-events:screening")).EnumerateArray()
                .Where(m => m.GetProperty("eventId").GetString() == eventId).Select(m => (JsonElement?)m.Clone()).FirstOrDefault(),
            m => m is not null,
            $"event {eventId} to be dead-lettered"))!.Value;
}
