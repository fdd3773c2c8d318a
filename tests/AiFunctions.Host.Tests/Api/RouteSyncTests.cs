using System.Net;
using System.Net.Http.Json;
using System.Text;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Api;
using AiFunctions.Hosting.Api.Management;
using AiFunctions.Hosting.Management;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// Two hosts of one deployment (one shared route version store): a change accepted by the first is applied by the
/// second within its sync interval (1 s here), without a restart and without the second being asked.
/// </summary>
public sealed class RouteSyncTests
{
    [Fact]
    public async Task A_change_on_one_host_is_applied_by_another_within_the_sync_interval()
    {
        var store = new InMemoryRouteVersionStore();
        await TwoTargetHostFactory.WithHostsAsync([new() { SharedStore = store }, new() { SharedStore = store }], hosts => RunAsync(hosts[0], hosts[1]));
    }

    private static async Task RunAsync(TwoTargetHostFactory first, TwoTargetHostFactory second)
    {
        using var one = first.CreateClientFor("service-ops");
        using var two = second.CreateClientFor("service-ops");
        Assert.Equal(0, (await two.GetFromJsonAsync<ManagedRoute>("/api/manage/routes/screening", ApiJson.Options))!.AppliedVersion);

        using var put = await one.PutAsync("/api/manage/routes/screening",
            new StringContent("""{"targets":[{"provider":"b","model":"gpt-4o-mini"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        ManagedRoute seen;
        do
        {
            await Task.Delay(200);
            seen = (await two.GetFromJsonAsync<ManagedRoute>("/api/manage/routes/screening", ApiJson.Options))!;
        }
        while (seen.AppliedVersion < 1 && DateTime.UtcNow < deadline);

        Assert.Equal((1, 1), (seen.Version, seen.AppliedVersion));
        Assert.Equal("b", seen.Settings.Targets.Single().Provider);
    }
}
