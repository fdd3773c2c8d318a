using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFunctions.Host.Tests.Support;

namespace AiFunctions.Host.Tests.Api;

/// <summary>
/// Voluntary self-identified categories sent with a batch reach the bias audit through the API (docs/fairness.md),
/// and only there: the audit counts them instead of reporting every candidate as of unknown category.
/// </summary>
public sealed class SelfIdentifiedAuditTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Fact]
    public async Task Self_identified_categories_sent_with_a_batch_are_counted_by_its_audit()
    {
        using var client = factory.CreateAuthorizedClient();
        var body = JsonSerializer.SerializeToNode(Batches.Create("self-id", 4), AiFunctions.Hosting.Api.ApiJson.Options)!.AsObject();
        var sexes = new[] { "Female", "Male", "Female", "Male" };
        var candidates = body["candidates"]!.AsArray();
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates[i]!.AsObject()["selfIdentified"] = new JsonObject { ["sex"] = sexes[i], ["raceEthnicity"] = i < 2 ? "Asian" : "White" };
        }

        using var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", body);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await ApiPolling.WaitForStatusAsync(client, "self-id", "AwaitingReview", TimeSpan.FromSeconds(60));

        var audit = await ApiPolling.GetJsonAsync(client, "/api/screenings/self-id/audit");
        var figures = audit.GetProperty("figures");
        Assert.Equal(4, figures.GetProperty("total").GetInt32());
        Assert.Equal(0, figures.GetProperty("unknownSex").GetInt32());
        Assert.Equal(0, figures.GetProperty("unknownRaceEthnicity").GetInt32());
    }
}
