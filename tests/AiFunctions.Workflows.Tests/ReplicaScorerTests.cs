using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Context;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Tests.Support;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>
/// Issue 8 item 4 on the in-memory Durable host: instances the operator declares replicas of one model deployment
/// (<c>AiFunctions:Providers:{instance}:ReplicaGroup</c>) are one scorer, so a failover between them mid-batch is not
/// re-scored, while the decision trail still names the instance that scored each candidate; instances of two groups, or
/// one group serving two models, stay two scorers and are re-scored as before (docs/fairness.md, "One scorer per batch").
/// </summary>
public sealed class ReplicaScorerTests(WorkflowHostFixture host) : IClassFixture<WorkflowHostFixture>
{
    private static string Scorer(string who, string model) => $"{who}/{model}@{HrFunctions.HrFunctionNames.ScreenResume}:{ResumeScreeningFunction.PromptVersion}";

    /// <summary>
    /// The first <paramref name="before"/> calls of the batch answer on a/<paramref name="modelA"/>, the rest on
    /// b/<paramref name="modelB"/> (a failover); an exclusive call on "x/model" answers on the instance whose group (or
    /// key) is x.
    /// </summary>
    private static Func<ScreeningInput, AiCallContext, (string, string, bool)> FailoverAfter(int before, Func<string, string?> groupOf, string modelA = "m1", string modelB = "m1")
    {
        var calls = 0;
        return (_, call) =>
        {
            if (call.Targeting is { Exclusive: true, Target: { } only })
            {
                var (who, model) = (only.Split('/')[0], only.Split('/')[1]);
                var instance = new[] { "a", "b" }.First(i => (groupOf(i) ?? i) == who && (i == "a" ? modelA : modelB) == model);
                return (instance, model, false);
            }

            return Interlocked.Increment(ref calls) <= before ? ("a", modelA, false) : ("b", modelB, false);
        };
    }

    private async Task<(IReadOnlyList<CandidateResult> Results, DecisionTrail Trail, AiCallContext[] Exclusive)> RunAsync(string batchId, Func<string, string?> groupOf, string modelA = "m1", string modelB = "m1")
    {
        var before = host.Invoker.CallContexts.Count;
        host.Invoker.ReplicaGroupOf = groupOf;
        host.Invoker.Scorer = FailoverAfter(3, groupOf, modelA, modelB);
        try
        {
            await host.StartScreeningAsync(Requests.Batch(batchId, OneScorerPerBatchTests.Six(), concurrency: OneScorerPerBatchTests.OneAtATime));
            await host.WaitForEventAsync(WorkflowEventTypes.ScreeningReviewRequired, $"screening/{batchId}");
            await HostWaits.WaitUntilAsync(
                async () => (await host.Store.GetDecisionTrailAsync(batchId)).Entries.Any(e => e.Kind == DecisionKind.ReviewRequested),
                TimeSpan.FromSeconds(30), "the ReviewRequested trail entry");
            var exclusive = host.Invoker.CallContexts.Skip(before).Where(c => c.Targeting is { Exclusive: true }).ToArray();
            return (await host.Store.GetResultsAsync(batchId), await host.Store.GetDecisionTrailAsync(batchId), exclusive);
        }
        finally
        {
            host.Invoker.Scorer = null;
            host.Invoker.ReplicaGroupOf = null;
        }
    }

    [Fact]
    public async Task A_failover_between_two_replicas_of_one_group_is_one_scorer_and_is_not_re_scored()
    {
        var (results, trail, exclusive) = await RunAsync("replicas-one-1", _ => "m1-replicas");

        var scorer = Scorer("m1-replicas", "m1");
        Assert.All(results, r => Assert.Equal(scorer, r.Scorer));
        Assert.All(results, r => Assert.NotNull(r.Rank));
        Assert.Empty(exclusive);
        Assert.DoesNotContain(trail.Entries, e => e.Kind == DecisionKind.ScorerChanged);
        Assert.Equal(scorer, trail.Entries.Single(e => e.Kind == DecisionKind.Ranked).Details!["scorers"]);

        // Attributable: the trail still names the instance that scored each candidate (3 on a, 3 on b after the failover).
        Assert.Equal(6, trail.Scoring.Count);
        Assert.Equal([("a", 3), ("b", 3)], trail.Scoring.GroupBy(s => s.ProviderInstance).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())));
        Assert.All(trail.Scoring, s => Assert.Equal(("m1-replicas", scorer), (s.ReplicaGroup, s.Scorer)));
    }

    [Fact]
    public async Task A_failover_between_two_replica_groups_is_re_scored_on_the_new_group_as_before()
    {
        var (results, trail, exclusive) = await RunAsync("replicas-two-1", i => i == "a" ? "m1-east" : "m1-west");

        var scorer = Scorer("m1-west", "m1");
        Assert.All(results, r => Assert.Equal(scorer, r.Scorer));
        Assert.Equal(3, exclusive.Length);
        Assert.All(exclusive, c => Assert.Equal("m1-west/m1", c.Targeting!.Target));
        var change = Assert.Single(trail.Entries, e => e.Kind == DecisionKind.ScorerChanged);
        Assert.Equal((Scorer("m1-east", "m1"), scorer), (change.Details!["from"], change.Details["to"]));
        Assert.All(trail.Scoring, s => Assert.Equal("b", s.ProviderInstance));
    }

    [Fact]
    public async Task A_group_whose_replicas_serve_different_models_is_still_two_scorers()
    {
        var (results, trail, exclusive) = await RunAsync("replicas-models-1", _ => "one-group", modelA: "m1", modelB: "m2");

        var scorer = Scorer("one-group", "m2");
        Assert.All(results, r => Assert.Equal(scorer, r.Scorer));
        Assert.Equal(3, exclusive.Length);
        Assert.All(exclusive, c => Assert.Equal("one-group/m2", c.Targeting!.Target));
        var change = Assert.Single(trail.Entries, e => e.Kind == DecisionKind.ScorerChanged);
        Assert.Equal((Scorer("one-group", "m1"), scorer), (change.Details!["from"], change.Details["to"]));
    }

    [Fact]
    public void The_scorer_key_keeps_the_model_and_prompt_version_whatever_the_group()
    {
        var provenance = new Kernel.Functions.AiFunctionProvenance("hr.screen-resume", "v1", "screening", "azure-east", "azure-openai", "1.0.0", "gpt-4o", true, 1, false, DateTimeOffset.UnixEpoch);

        Assert.Equal("azure-east/gpt-4o@hr.screen-resume:v1", ScreeningScorer.Key(provenance));
        Assert.Equal("gpt-4o-eu/gpt-4o@hr.screen-resume:v1", ScreeningScorer.Key(provenance with { ReplicaGroup = "gpt-4o-eu" }));
        Assert.NotEqual(ScreeningScorer.Key(provenance with { ReplicaGroup = "g" }), ScreeningScorer.Key(provenance with { ReplicaGroup = "g", Model = "gpt-4o-mini" }));
        Assert.NotEqual(ScreeningScorer.Key(provenance with { ReplicaGroup = "g" }), ScreeningScorer.Key(provenance with { ReplicaGroup = "g", FunctionVersion = "v2" }));
        Assert.Equal("gpt-4o-eu/gpt-4o", ScreeningScorer.Target(ScreeningScorer.Key(provenance with { ReplicaGroup = "gpt-4o-eu" })));
    }
}
