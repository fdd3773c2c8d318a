using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFunctions.Host.Tests.Support;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// GET /api/audits/screening (docs/fairness.md, audit over a period): the LL144 figures pooled across the caller's
/// tenant's ranked batches of a period, optionally of one requisition; Auditor only; another tenant's batches never count.
/// </summary>
public sealed class PeriodAuditTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Fact]
    public async Task The_period_audit_pools_the_tenants_batches_of_the_period_and_leaves_out_other_tenants_and_requisitions()
    {
        using var client = factory.CreateAuthorizedClient();
        using var other = factory.CreateClientFor("other");
        await StartAsync(client, "period-a", 4, ["Female", "Male", "Female", "Male"]);
        await StartAsync(client, "period-b", 2, ["Female", "Female"]);
        await StartAsync(other, "period-other", 3, ["Male", "Male", "Male"]);
        foreach (var (c, id) in new[] { (client, "period-a"), (client, "period-b"), (other, "period-other") })
        {
            await ApiPolling.WaitForStatusAsync(c, id, "AwaitingReview", TimeSpan.FromSeconds(90));
        }

        using var auditor = factory.CreateClientFor("auditor");
        var window = Window();
        var audit = await ApiPolling.GetJsonAsync(auditor, "/api/audits/screening?" + window);

        Assert.Equal(["period-a", "period-b"], audit.GetProperty("batches").EnumerateArray().Select(b => b.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(6, audit.GetProperty("candidates").GetInt32());
        var figures = audit.GetProperty("figures");
        Assert.Equal((6, 0), (figures.GetProperty("total").GetInt32(), figures.GetProperty("unknownSex").GetInt32()));
        var sexes = figures.GetProperty("categories").EnumerateArray().Where(c => c.GetProperty("dimension").GetString() == "sex")
            .ToDictionary(c => c.GetProperty("category").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Female"] = 4, ["Male"] = 2 }, sexes);

        var none = await ApiPolling.GetJsonAsync(auditor, "/api/audits/screening?requisitionId=req-none&" + window);
        Assert.Equal(0, none.GetProperty("batches").GetArrayLength());

        using var csv = await auditor.GetAsync(new Uri("/api/audits/screening?format=csv&" + window, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("dimension,category,count,selected,selection_rate,impact_ratio", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("sex,Female,4,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "from is missing")]
    [InlineData("from=2026-11-01T00:00:00Z", "to is missing")]
    [InlineData("from=yesterday&to=2026-12-01T00:00:00Z", "from 'yesterday' is not a timestamp")]
    [InlineData("from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to must be after from")]
    [InlineData("from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "at most 366 days")]
    [InlineData("from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&format=xml", "format 'xml'")]
    [InlineData("from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&status=Approved", "status does not apply")]
    public async Task A_bad_period_audit_query_is_400_naming_the_parameter(string query, string expected)
    {
        using var auditor = factory.CreateClientFor("auditor");

        using var response = await auditor.GetAsync(new Uri("/api/audits/screening?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("submitter")]
    [InlineData("reviewer")]
    [InlineData("operator")]
    public async Task Only_an_auditor_may_run_the_period_audit(string principal)
    {
        using var client = factory.CreateClientFor(principal);

        using var response = await client.GetAsync(new Uri("/api/audits/screening?" + Window(), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    internal static string Window()
    {
        var now = DateTimeOffset.UtcNow;
        return $"from={Uri.EscapeDataString(now.AddDays(-1).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(now.AddDays(1).ToString("O", CultureInfo.InvariantCulture))}";
    }

    internal static async Task StartAsync(HttpClient client, string batchId, int count, string[] sexes)
    {
        var body = JsonSerializer.SerializeToNode(Batches.Create(batchId, count), AiFunctions.Hosting.Api.ApiJson.Options)!.AsObject();
        body.Remove("tenant");
        var candidates = body["candidates"]!.AsArray();
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates[i]!.AsObject()["selfIdentified"] = new JsonObject { ["sex"] = sexes[i], ["raceEthnicity"] = "Asian" };
        }

        using var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", body);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
    }
}
