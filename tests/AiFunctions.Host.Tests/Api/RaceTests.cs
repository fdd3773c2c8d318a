using System.Net;
using System.Text.Json;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Host.Tests.Api;

/// <summary>Single winners, raced for real (Task.WhenAll): creation of a batch and of a draft, and review decisions.</summary>
public sealed class RaceTests(InMemoryHostFactory factory) : IClassFixture<InMemoryHostFactory>
{
    [Fact]
    public async Task Five_concurrent_submissions_of_one_batch_id_give_exactly_one_202()
    {
        var clients = Enumerable.Range(0, 5).Select(_ => factory.CreateClientFor("submitter")).ToArray();
        var responses = await Task.WhenAll(clients.Select(c => ApiPolling.PostJsonAsync(c, "/api/screenings", Batches.Create("race-create", 2))));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
            Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                await ProblemAssert.IsProblemAsync(conflict, HttpStatusCode.Conflict, "batch-exists");
            }
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
            Array.ForEach(clients, c => c.Dispose());
        }
    }

    [Fact]
    public async Task Five_concurrent_drafts_of_one_id_give_exactly_one_202()
    {
        var body = new
        {
            jobDescriptionId = "race-draft",
            request = new { title = "Engineer", department = "Platform", location = "Remote", employmentType = "Full-time", responsibilities = new[] { "Build services" }, requirements = new[] { "C#" }, niceToHaves = Array.Empty<string>() },
        };
        var clients = Enumerable.Range(0, 5).Select(_ => factory.CreateClientFor("submitter")).ToArray();
        var responses = await Task.WhenAll(clients.Select(c => ApiPolling.PostJsonAsync(c, "/api/job-descriptions", body)));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
            Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
            Array.ForEach(clients, c => c.Dispose());
        }
    }

    [Fact]
    public async Task Racing_approve_and_reject_give_one_202_and_409s_naming_the_winner_whose_decision_is_recorded()
    {
        using var submitter = factory.CreateClientFor("submitter");
        using (var start = await ApiPolling.PostJsonAsync(submitter, "/api/screenings", Batches.Create("race-review", 2)))
        {
            await ApiPolling.AssertAcceptedAsync(start);
        }

        await ApiPolling.WaitForStatusAsync(submitter, "race-review", "AwaitingReview", TimeSpan.FromSeconds(60));
        (string Principal, ReviewDecision Decision)[] reviewers = [("reviewer", ReviewDecision.Approve), ("reviewer2", ReviewDecision.Reject), ("reviewer3", ReviewDecision.Approve)];
        var clients = reviewers.Select(r => factory.CreateClientFor(r.Principal)).ToArray();
        var responses = await Task.WhenAll(clients.Select((c, i) => ApiPolling.PostJsonAsync(c, "/api/screenings/race-review/review", new { decision = reviewers[i].Decision })));
        try
        {
            var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
            var winnerIndex = Array.IndexOf(responses, winner);
            var winnerName = InMemoryHostFactory.Principals[reviewers[winnerIndex].Principal].Name;
            foreach (var loser in responses.Where(r => r != winner))
            {
                var problem = await ProblemAssert.IsProblemAsync(loser, HttpStatusCode.Conflict, "already-reviewed");
                Assert.Equal(winnerName, problem.GetProperty("decidedBy").GetString());
                Assert.Contains(winnerName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            var expected = reviewers[winnerIndex].Decision == ReviewDecision.Approve ? "Approved" : "Rejected";
            await ApiPolling.WaitForStatusAsync(submitter, "race-review", expected, TimeSpan.FromSeconds(30));
            var results = await ApiPolling.GetJsonAsync(submitter, "/api/screenings/race-review/results");
            var decision = Assert.Single(results.GetProperty("decisionTrail").GetProperty("entries").EnumerateArray(),
                e => e.GetProperty("kind").GetString() is "Approved" or "Rejected");
            Assert.Equal(expected, decision.GetProperty("kind").GetString());
            Assert.Equal(winnerName, decision.GetProperty("actor").GetString());
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
            Array.ForEach(clients, c => c.Dispose());
        }
    }
}
