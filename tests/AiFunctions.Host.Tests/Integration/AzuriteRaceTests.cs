using System.Net;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Hosting.Security;
using AiFunctions.Testing;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Options;

namespace AiFunctions.Host.Tests.Integration;

/// <summary>
/// Single winners on real Table storage: claim stores of separate "instances" (own clients) racing on one key, and the
/// built host on Azurite answering five concurrent submissions and three concurrent reviews.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteRaceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Claim_stores_of_separate_instances_racing_on_one_key_have_exactly_one_winner()
    {
        var options = Options.Create(new WorkflowStorageOptions { ConnectionString = azurite.ConnectionString, NamePrefix = AzuriteFixture.UniqueName("claims") });
        var stores = Enumerable.Range(0, 8).Select(_ => new TableFirstClaimStore(options)).ToArray();
        var at = DateTimeOffset.UtcNow;

        var outcomes = await Task.WhenAll(stores.Select((s, i) => s.TryClaimAsync("contoso.race-1", "review", new FirstClaim($"reviewer-{i}", at.AddMilliseconds(i), i % 2 == 0 ? "Approve" : "Reject"))));

        var winners = Enumerable.Range(0, outcomes.Length).Where(i => outcomes[i] is null).ToArray();
        var winner = Assert.Single(winners);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal($"reviewer-{winner}", o!.By));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(winner % 2 == 0 ? "Approve" : "Reject", o!.What));

        // Another tenant's key and another kind are separate claims; a released claim can be won again.
        Assert.Null(await stores[0].TryClaimAsync("fabrikam.race-1", "review", new FirstClaim("f", at, "Approve")));
        Assert.Null(await stores[0].TryClaimAsync("contoso.race-1", "create", new FirstClaim("c", at, "created")));
        await stores[1].ReleaseAsync("contoso.race-1", "create");
        Assert.Null(await stores[2].TryClaimAsync("contoso.race-1", "create", new FirstClaim("c2", at, "created")));
        Assert.Equal(2, await stores[3].DeleteAllAsync("contoso.race-1"));
    }

    [Fact]
    public async Task The_host_on_azurite_gives_one_202_to_racing_submissions_and_to_racing_reviews()
    {
        var setup = new HostOnAzurite(azurite);
        await using var host = await setup.StartAsync();
        var clients = Enumerable.Range(0, 5).Select(_ => HostOnAzurite.Client(host)).ToArray();
        try
        {
            var starts = await Task.WhenAll(clients.Select(c => ApiPolling.PostJsonAsync(c, "/api/screenings", Batches.Create("it-race", 2))));
            Assert.Single(starts, r => r.StatusCode == HttpStatusCode.Accepted);
            Assert.Equal(4, starts.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            Array.ForEach(starts, r => r.Dispose());

            await ApiPolling.WaitForStatusAsync(clients[0], "it-race", "AwaitingReview", TimeSpan.FromSeconds(90));
            var reviews = await Task.WhenAll(clients.Take(3).Select((c, i) => ApiPolling.PostJsonAsync(c, "/api/screenings/it-race/review", new { decision = i == 1 ? ReviewDecision.Reject : ReviewDecision.Approve })));
            var winner = Assert.Single(reviews, r => r.StatusCode == HttpStatusCode.Accepted);
            foreach (var loser in reviews.Where(r => r != winner))
            {
                await ProblemAssert.IsProblemAsync(loser, HttpStatusCode.Conflict, "already-reviewed");
            }

            Array.ForEach(reviews, r => r.Dispose());
        }
        finally
        {
            Array.ForEach(clients, c => c.Dispose());
        }
    }
}
