using System.Net;
using AiFunctions.Host.Tests.Support;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// GET /api/audits/screening?scope=service (docs/fairness.md §5, docs/security.md): the period audit across every
/// tenant, for the ServiceAuditor role only. Its own host (the tenant-scope tests count their tenant's batches).
/// </summary>
public sealed class ServiceAuditTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    /// <summary>
    /// Issue 10 item 6, service-wide: a ServiceAuditor's scope=service pools every tenant's batches (shown as
    /// "tenant.id", with each tenant's share); without scope it audits its own tenant only; an Auditor asking for
    /// scope=service is 403 naming the role it needs.
    /// </summary>
    [Fact]
    public async Task A_service_auditor_audits_every_tenant_with_scope_service_and_an_auditor_may_not()
    {
        using var client = factory.CreateAuthorizedClient();
        using var other = factory.CreateClientFor("other");
        await PeriodAuditTests.StartAsync(client, "service-a", 2, ["Female", "Male"]);
        await PeriodAuditTests.StartAsync(other, "service-b", 3, ["Male", "Male", "Female"]);
        foreach (var (c, id) in new[] { (client, "service-a"), (other, "service-b") })
        {
            await ApiPolling.WaitForStatusAsync(c, id, "AwaitingReview", TimeSpan.FromSeconds(90));
        }

        using var serviceAuditor = factory.CreateClientFor("serviceauditor");
        var window = PeriodAuditTests.Window();
        var audit = await ApiPolling.GetJsonAsync(serviceAuditor, "/api/audits/screening?scope=service&" + window);

        Assert.Equal("service", audit.GetProperty("scope").GetString());
        var batches = audit.GetProperty("batches").EnumerateArray().Select(b => b.GetString()!).ToArray();
        Assert.Contains($"{InMemoryHostFactory.Tenant}.service-a", batches);
        Assert.Contains($"{InMemoryHostFactory.OtherTenant}.service-b", batches);
        var shares = audit.GetProperty("tenants").EnumerateArray().ToDictionary(t => t.GetProperty("tenant").GetString()!, t => t.GetProperty("batches").GetInt32());
        Assert.True(shares.ContainsKey(InMemoryHostFactory.Tenant) && shares.ContainsKey(InMemoryHostFactory.OtherTenant), string.Join(", ", shares.Keys));
        Assert.Equal(batches.Length, shares.Values.Sum());
        Assert.Equal(audit.GetProperty("candidates").GetInt32(), audit.GetProperty("figures").GetProperty("total").GetInt32());

        using var csv = await serviceAuditor.GetAsync(new Uri("/api/audits/screening?scope=service&format=csv&" + window, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("dimension,category,count", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var own = await ApiPolling.GetJsonAsync(serviceAuditor, "/api/audits/screening?" + window);
        Assert.Equal("tenant", own.GetProperty("scope").GetString());
        Assert.DoesNotContain(own.GetProperty("batches").EnumerateArray(), b => b.GetString() == "service-b" || b.GetString()!.Contains('.', StringComparison.Ordinal));
        Assert.Contains(own.GetProperty("batches").EnumerateArray(), b => b.GetString() == "service-a");

        using var auditor = factory.CreateClientFor("auditor");
        using var refused = await auditor.GetAsync(new Uri("/api/audits/screening?scope=service&" + window, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("ServiceAuditor", problem, StringComparison.Ordinal);
        Assert.Contains("service-scope-forbidden", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scope=everyone", "scope 'everyone' is not a scope")]
    [InlineData("scope=service&scope=tenant", "scope is given more than once")]
    [InlineData("scope=tenant&tenant=fabrikam&status=Approved", "status does not apply")]
    public async Task A_bad_scope_is_400_naming_it_for_a_service_auditor_too(string query, string expected)
    {
        using var serviceAuditor = factory.CreateClientFor("serviceauditor");

        using var response = await serviceAuditor.GetAsync(new Uri("/api/audits/screening?" + query + "&" + PeriodAuditTests.Window(), UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
