using AiFunctions.Hosting.Management;
using AiFunctions.Testing;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Options;

namespace AiFunctions.Host.Tests.Integration;

/// <summary>
/// The management API's Table stores on real Table storage (Azurite): route versions are single-winner inserts read
/// newest first and paged; usage rows of several hosts are rewritten by their owner and read back by tenant and hour range.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ManagementStoresOnAzuriteTests(AzuriteFixture azurite)
{
    private IOptions<WorkflowStorageOptions> Options(string name) =>
        Microsoft.Extensions.Options.Options.Create(new WorkflowStorageOptions { ConnectionString = azurite.ConnectionString, NamePrefix = AzuriteFixture.UniqueName(name) });

    private static RouteVersionRecord Version(string route, int version, string by) =>
        new(route, version, "{}", $$"""{"targets":[{"provider":"local","model":"m{{version}}"}]}""", by, DateTimeOffset.UtcNow, "why", null);

    [Fact]
    public async Task Route_versions_have_one_winner_per_number_and_read_newest_first_in_pages()
    {
        var options = Options("routes");
        var hosts = Enumerable.Range(0, 6).Select(_ => new TableRouteVersionStore(options)).ToArray();

        var outcomes = await Task.WhenAll(hosts.Select((h, i) => h.TryAddAsync(Version("screening", 1, $"operator-{i}"))));
        Assert.Single(outcomes, won => won);
        Assert.True(await hosts[0].TryAddAsync(Version("screening", 2, "operator-x")));
        Assert.True(await hosts[1].TryAddAsync(Version("screening", 3, "operator-y")));
        Assert.True(await hosts[2].TryAddAsync(Version("Drafting/Other", 1, "operator-z")));

        var latest = await hosts[3].LatestAsync("screening");
        var first = await hosts[4].ListAsync("screening", 2, null);
        var second = await hosts[4].ListAsync("screening", 2, first.ContinuationToken);

        Assert.Equal((3, "operator-y"), (latest!.Version, latest.ChangedBy));
        Assert.Equal([3, 2], first.Items.Select(v => v.Version));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal([1], second.Items.Select(v => v.Version));
        Assert.Equal("""{"targets":[{"provider":"local","model":"m2"}]}""", (await hosts[5].GetAsync("screening", 2))!.After);
        Assert.Equal(1, (await hosts[5].LatestAsync("Drafting/Other"))!.Version);
        Assert.Null(await hosts[5].LatestAsync("embedding"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a b c d")]
    [InlineData("screening\n1")]
    [InlineData("%zz ##??")]
    [InlineData("' or 1 eq 1")]
    [InlineData("x")]
    public async Task A_forged_route_version_token_reads_a_page_of_the_route_or_is_refused_as_a_token(string token)
    {
        var options = Options("tokens");
        var store = new TableRouteVersionStore(options);
        Assert.True(await store.TryAddAsync(Version("screening", 1, "operator")));
        Assert.True(await store.TryAddAsync(Version("other", 1, "operator")));

        try
        {
            var page = await store.ListAsync("screening", 10, token);
            Assert.All(page.Items, v => Assert.Equal("screening", v.Route));
        }
        catch (ArgumentException ex)
        {
            Assert.Equal("continuationToken", ex.ParamName);
        }
    }

    [Fact]
    public async Task Usage_rows_are_rewritten_by_their_host_and_read_by_tenant_and_hour_range()
    {
        var store = new TableUsageHistoryStore(Options("usage"));
        var hour = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        UsageBucket Bucket(string tenant, DateTimeOffset at, string host, long calls, string model = "gpt-4o-mini") =>
            new(tenant, at, "screening", "resume-screening", model, host, calls, calls * 120, calls * 60, 0, calls * 0.24m, "EUR");

        await store.WriteAsync([Bucket("contoso", hour, "h1", 1), Bucket("contoso", hour, "h2", 4), Bucket("contoso", hour.AddHours(1), "h1", 2), Bucket("fabrikam", hour, "h1", 9)]);
        await store.WriteAsync([Bucket("contoso", hour, "h1", 3, "gpt-4o-mini"), Bucket("contoso", hour, "h1", 1, "meta/llama#3?")]);

        var nine = await store.ReadAsync("contoso", hour, hour.AddHours(1));
        var both = await store.ReadAsync("contoso", hour.AddMinutes(-30), hour.AddHours(1).AddMinutes(30));

        Assert.Equal(3 + 4 + 1, nine.Sum(b => b.Calls));
        Assert.Equal(8 * 0.24m, nine.Sum(b => b.Cost));
        Assert.Contains(nine, b => b.Model == "meta/llama#3?");
        Assert.Equal(3 + 4 + 1 + 2, both.Sum(b => b.Calls));
        Assert.DoesNotContain(both, b => b.Tenant != "contoso");
    }
}
