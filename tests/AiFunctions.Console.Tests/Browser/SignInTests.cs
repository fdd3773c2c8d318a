using AiFunctions.Console.Tests.Support;
using Microsoft.Playwright;

namespace AiFunctions.Console.Tests.Browser;

/// <summary>Signing in with an API key: the API says who it is; a wrong key gets no session; the key never reaches the page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleStack stack)
{
    [Fact]
    public async Task A_key_signs_in_as_its_principal_with_its_tenant_roles_and_the_viewers_time_zone()
    {
        var page = await stack.SignInAsync("reviewer", timeZone: "America/New_York");
        var who = await page.GetByTestId("who").InnerTextAsync();
        Assert.Contains(ConsoleStack.Principals["reviewer"].Name, who, StringComparison.Ordinal);
        Assert.Contains(ConsoleStack.Tenant, who, StringComparison.Ordinal);
        Assert.Contains("Reviewer", who, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("zone")).ToContainTextAsync("Times in America/New_York");

        // The key is on the console's server only: not in the page, not in a cookie value.
        Assert.DoesNotContain(stack.KeyOf("reviewer"), await page.ContentAsync(), StringComparison.Ordinal);
        var cookies = await page.Context.CookiesAsync();
        Assert.All(cookies, c => Assert.DoesNotContain(stack.KeyOf("reviewer"), c.Value, StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.Name == "aifunctions.console" && c.HttpOnly);
        await ConsoleStack.ScreenshotAsync(page, "overview-reviewer");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_a_page_without_sign_in_sends_you_to_sign_in()
    {
        var context = await stack.Browser.NewContextAsync(new() { BaseURL = stack.ConsoleBase.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/screenings");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("API key").FillAsync("not-a-key-of-this-api-0123456789abcdef");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signin-error")).ToContainTextAsync("does not accept this key");
        await page.GotoAsync("/screenings");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        await context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server()
    {
        var page = await stack.SignInAsync("auditor");
        var cookies = await page.Context.CookiesAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");

        // The old cookie, replayed in a fresh context, no longer opens anything: the server-side session is gone.
        var replay = await stack.Browser.NewContextAsync(new() { BaseURL = stack.ConsoleBase.ToString() });
        await replay.AddCookiesAsync(cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        var again = await replay.NewPageAsync();
        await again.GotoAsync("/screenings");
        Assert.Contains("/signin", again.Url, StringComparison.Ordinal);
        await replay.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_tampered_or_forged_sign_in_cookie_opens_nothing()
    {
        var page = await stack.SignInAsync("service-operator");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "aifunctions.console");
        await page.Context.CloseAsync();

        // One character of the protected payload changed; a cookie made up from scratch; the claims in clear text.
        var flipped = cookie.Value[..^5] + (cookie.Value[^5] == 'A' ? 'B' : 'A') + cookie.Value[^4..];
        foreach (var value in new[] { flipped, "CfDJ8" + new string('A', 200), Uri.EscapeDataString("name=ops;roles=ServiceOperator;tenant=contoso") })
        {
            var forged = await stack.Browser.NewContextAsync(new() { BaseURL = stack.ConsoleBase.ToString() });
            await forged.AddCookiesAsync([new Cookie { Name = cookie.Name, Value = value, Domain = cookie.Domain, Path = cookie.Path }]);
            var again = await forged.NewPageAsync();
            await again.GotoAsync("/routes");
            Assert.Contains("/signin", again.Url, StringComparison.Ordinal);
            Assert.Equal(0, await again.GetByTestId("change").CountAsync());
            await forged.CloseAsync();
        }
    }
}
