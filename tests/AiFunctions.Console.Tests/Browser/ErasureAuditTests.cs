using System.Net;
using System.Security.Cryptography;
using System.Text;
using AiFunctions.Console.Tests.Support;
using Microsoft.Playwright;

namespace AiFunctions.Console.Tests.Browser;

/// <summary>
/// The Audit page's erasure log: an Auditor sees each erasure of the tenant by subject key (never the candidate id),
/// who asked and what was removed; an Operator has no such section and the API refuses it the log.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ErasureAuditTests(ConsoleStack stack)
{
    [Fact]
    public async Task An_auditor_sees_the_erasure_log_by_subject_key_and_an_operator_does_not()
    {
        var candidateId = "ui-erase-" + Guid.NewGuid().ToString("N")[..8];
        using (var submitter = stack.ApiAs("submitter"))
        using (var erased = await submitter.DeleteAsync($"api/candidates/{candidateId}"))
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        }

        var subjectKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ConsoleStack.Tenant}\n{candidateId}")));
        var page = await stack.SignInAsync("auditor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        var row = page.GetByTestId("erasure-audit").Locator("tr", new() { HasText = subjectKey });
        await Assertions.Expect(row).ToContainTextAsync(ConsoleStack.Principals["submitter"].Name);
        Assert.DoesNotContain(candidateId, await page.ContentAsync(), StringComparison.Ordinal);
        await ConsoleStack.ScreenshotAsync(page, "audit-erasures");
        await page.Context.CloseAsync();

        var op = await stack.SignInAsync("operator");
        await op.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Assertions.Expect(op.GetByRole(AriaRole.Heading, new() { Name = "Route changes" })).ToBeVisibleAsync();
        Assert.Equal(0, await op.GetByRole(AriaRole.Heading, new() { Name = "Erasures" }).CountAsync());
        using var api = stack.ApiAs("operator");
        using var refused = await api.GetAsync("api/audits/erasures");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await op.Context.CloseAsync();
    }
}
