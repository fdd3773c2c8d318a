using System.Net;
using AiFunctions.Host.Tests.Support;
using AiFunctions.Testing;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Host.Tests.Integration;

/// <summary>The built host as a child process on the Azure Storage backend in a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageBackendTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_batch_runs_to_the_reviewer_and_approval_completes_it()
    {
        var setup = new HostOnAzurite(azurite);
        await using var host = await setup.StartAsync();
        using var client = HostOnAzurite.Client(host);

        using (var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create("it-approve", 12)))
        {
            await ApiPolling.AssertAcceptedAsync(start);
        }

        var awaiting = await ApiPolling.WaitForStatusAsync(client, "it-approve", "AwaitingReview", TimeSpan.FromSeconds(90));
        Assert.Equal(12, awaiting.GetProperty("progress").GetProperty("done").GetInt32());
        using (var review = await ApiPolling.PostJsonAsync(client, "/api/screenings/it-approve/review", new { decision = ReviewDecision.Approve }))
        {
            await ApiPolling.AssertAcceptedAsync(review);
        }

        await ApiPolling.WaitForStatusAsync(client, "it-approve", "Approved", TimeSpan.FromSeconds(60));
        var results = await ApiPolling.GetJsonAsync(client, "/api/screenings/it-approve/results");
        Assert.Equal(12, results.GetProperty("results").GetArrayLength());
        Assert.Contains(results.GetProperty("decisionTrail").GetProperty("entries").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "Approved" && e.GetProperty("actor").GetString() == "integration");
    }

    [Fact]
    public async Task A_reviewer_timeout_escalates_then_expires()
    {
        var setup = new HostOnAzurite(azurite);
        await using var host = await setup.StartAsync();
        using var client = HostOnAzurite.Client(host);
        var policy = new ReviewPolicy { ShortlistSize = 2, ReviewTimeout = TimeSpan.FromSeconds(2), OnTimeout = ReviewTimeoutAction.Escalate, MaxEscalations = 1 };
        using (var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create("it-timeout", 3, policy)))
        {
            await ApiPolling.AssertAcceptedAsync(start);
        }

        await ApiPolling.WaitForStatusAsync(client, "it-timeout", "Expired", TimeSpan.FromSeconds(90));
        var results = await ApiPolling.GetJsonAsync(client, "/api/screenings/it-timeout/results");
        var kinds = results.GetProperty("decisionTrail").GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("Escalated", kinds);
        Assert.Equal("Expired", kinds[^1]);
        Assert.DoesNotContain("Approved", kinds);

        using var late = await ApiPolling.PostJsonAsync(client, "/api/screenings/it-timeout/review", new { decision = ReviewDecision.Approve });
        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Conflict, "not-awaiting-review");
    }

    [Fact]
    public async Task A_host_killed_mid_batch_and_restarted_completes_every_candidate_exactly_once()
    {
        const int total = 150;
        var setup = new HostOnAzurite(azurite);
        // Small chunks and few candidates in flight, so the batch is still running when the host is killed.
        var concurrency = new ScreeningConcurrency { ChunkSize = 25, CandidatesInFlightPerChunk = 2, ChunksInFlight = 1 };
        var host = await setup.StartAsync();
        try
        {
            using (var client = HostOnAzurite.Client(host))
            {
                using (var start = await ApiPolling.PostJsonAsync(client, "/api/screenings", Batches.Create("it-crash", total, concurrency: concurrency)))
                {
                    await ApiPolling.AssertAcceptedAsync(start);
                }

                var before = await ApiPolling.WaitForStatusAsync(client, "it-crash", "AwaitingReview", TimeSpan.FromSeconds(90),
                    stopEarly: b => b.GetProperty("progress").GetProperty("done").GetInt32() >= 10);
                Assert.True(before.GetProperty("progress").GetProperty("done").GetInt32() < total, "The batch finished before the host could be killed; make it slower.");
            }

            host.Kill();
            Assert.True(host.HasExited);
        }
        finally
        {
            await host.DisposeAsync();
        }

        await using var restarted = await setup.StartAsync();
        using var after = HostOnAzurite.Client(restarted);
        var done = await ApiPolling.WaitForStatusAsync(after, "it-crash", "AwaitingReview", TimeSpan.FromSeconds(180));
        var progress = done.GetProperty("progress");
        Assert.Equal(total, progress.GetProperty("done").GetInt32());
        Assert.Equal(0, progress.GetProperty("failed").GetInt32());

        var results = (await ApiPolling.GetJsonAsync(after, "/api/screenings/it-crash/results")).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(total, results.Count);
        Assert.Equal(total, results.Select(r => r.GetProperty("candidateId").GetString()).Distinct().Count());
        Assert.All(results, r => Assert.Equal("Screened", r.GetProperty("status").GetString()));
        Assert.Equal(Enumerable.Range(1, total), results.Select(r => r.GetProperty("rank").GetInt32()).Order());
    }
}
