using System.Text.Json;
using AiFunctions.HrFunctions.Checks;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Routing;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Migration;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiFunctions.Workflows.Tests.Migration;

/// <summary>
/// Replay of stored drafting requests (<see cref="DraftingReplayer"/>): both sides' pass rates of the inclusive-language
/// and required-sections checks, checked against hand-counted values; stored drafts never written; other tenants'
/// job descriptions and versions without a kept request are counted, not replayed.
/// </summary>
public sealed class DraftingReplayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly RouteTargetOptions Target = new() { Provider = "foundry", Model = "Mistral-Large-2411" };
    private static readonly AiFunctionProvenance Provenance = new("hr.draft-job-description", "1", "drafting", "azure", "azure-openai", "1.0.0", "gpt-4o-mini", true, 1, false, T0);

    private static JobDescriptionRequest Request(string title) => new(title, "Engineering", "Remote", "Full-time", ["Build services"], ["C#"], []);

    private static JobDescriptionDraft Draft(string title, bool inclusive = true, bool sections = true)
    {
        var summary = inclusive ? "A collaborative engineer building our services." : "A ninja building our services.";
        return new(title, summary, ["Build services"], ["C#"], [], sections ? "Health care and learning budget." : string.Empty,
            "We are an equal opportunity employer.", $"# {title}\n\n{summary}");
    }

    /// <summary>Answers each request by its title: the candidate's draft for that job description.</summary>
    private sealed class ScriptedEvaluator(Dictionary<string, JobDescriptionDraft?> byTitle) : IAiFunctionEvaluator
    {
        public int Calls;

        public Task<AiFunctionEvaluation<TOutput>> EvaluateAsync<TInput, TOutput>(AiFunction<TInput, TOutput> aiFunction, TInput input, RouteTargetOptions target, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            var draft = byTitle[((JobDescriptionRequest)(object)input!).Title];
            var side = new ShadowSide(target.ToString(), draft is null ? ShadowOutcome.Failed : ShadowOutcome.Valid, draft is null ? "Unavailable" : null, false, 1, 10, 5, 5, 0m, "USD", new Dictionary<string, double>());
            return Task.FromResult(new AiFunctionEvaluation<TOutput>((TOutput?)(object?)draft, side));
        }
    }

    private static async Task StoreAsync(IScreeningStore store, string tenant, string id, JobDescriptionDraft stored, bool keepRequest = true)
    {
        var checks = new HrJobDescriptionChecks(new InclusiveLanguageChecker(), new RequiredSectionsChecker());
        await store.UpsertJobDescriptionVersionAsync(tenant, new JobDescriptionVersion(id, 1, stored, checks.Check(stored), Provenance, T0, Request: keepRequest ? Request(stored.Title) : null));
        await store.SetJobDescriptionStatusAsync(id, tenant, JobDescriptionStatus.AwaitingReview, T0);
    }

    [Fact]
    public async Task Pass_rates_of_both_checks_on_both_sides_match_the_hand_count_and_stored_drafts_are_untouched()
    {
        var store = new InMemoryScreeningStore();
        // primary:   A ok, B not inclusive, C no benefits, D ok       -> inclusive 3/4, sections 3/4, both 2/4
        // candidate: A not inclusive, B ok, C ok, D failed (no draft) -> inclusive 2/4 (B, C), sections 3/4 (A, B, C), both 2/4
        await StoreAsync(store, "t1", "jd-a", Draft("A"));
        await StoreAsync(store, "t1", "jd-b", Draft("B", inclusive: false));
        await StoreAsync(store, "t1", "jd-c", Draft("C", sections: false));
        await StoreAsync(store, "t1", "jd-d", Draft("D"));
        await StoreAsync(store, "t1", "jd-old", Draft("Old"), keepRequest: false);
        await StoreAsync(store, "t2", "jd-other", Draft("Other"));
        var before = JsonSerializer.Serialize(new[] { "jd-a", "jd-b", "jd-c", "jd-d", "jd-old" }.Select(id => store.GetJobDescriptionAsync(id).Result));
        var evaluator = new ScriptedEvaluator(new()
        {
            ["A"] = Draft("A", inclusive: false), ["B"] = Draft("B"), ["C"] = Draft("C"), ["D"] = null,
        });
        var replayer = new DraftingReplayer(store, evaluator, new JobDescriptionDraftFunction(), new HrJobDescriptionChecks(new InclusiveLanguageChecker(), new RequiredSectionsChecker()), Options.Create(new MigrationOptions()));

        var result = await replayer.RunAsync("t1", ["jd-a", "jd-b", "jd-c", "jd-d", "jd-old", "jd-other", "jd-missing"], Target, CancellationToken.None);

        Assert.Equal((4, 2, 1, 4), (result.Drafts, result.NotFound, result.WithoutRequest, evaluator.Calls));
        Assert.Equal(new DraftingSide("azure/gpt-4o-mini", 4, 4, 0, 3, 3, 2, 0.75, 0.75, 0.5), result.Primary);
        Assert.Equal(new DraftingSide("foundry/Mistral-Large-2411", 4, 3, 1, 2, 3, 2, 0.5, 0.75, 0.5), result.Candidate);
        // Of the 3 drafts both sides produced (A, B, C): inclusive verdicts agree on none (A and B flip, C both pass → 1/3),
        // section verdicts agree on A and B, not C (2/3).
        Assert.Equal(1.0 / 3, result.InclusiveLanguageAgreement!.Value, 10);
        Assert.Equal(2.0 / 3, result.RequiredSectionsAgreement!.Value, 10);
        var after = JsonSerializer.Serialize(new[] { "jd-a", "jd-b", "jd-c", "jd-d", "jd-old" }.Select(id => store.GetJobDescriptionAsync(id).Result));
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(DraftingReplayer.MaxJobDescriptions + 1)]
    public async Task An_empty_or_oversized_id_list_is_refused_before_any_call(int count)
    {
        var evaluator = new ScriptedEvaluator([]);
        var replayer = new DraftingReplayer(new InMemoryScreeningStore(), evaluator, new JobDescriptionDraftFunction(), new HrJobDescriptionChecks(new InclusiveLanguageChecker(), new RequiredSectionsChecker()), Options.Create(new MigrationOptions()));

        await Assert.ThrowsAsync<ArgumentException>(() => replayer.RunAsync("t1", Enumerable.Range(0, count).Select(i => $"jd-{i}").ToArray(), Target, CancellationToken.None));
        Assert.Equal(0, evaluator.Calls);
    }

    [Fact]
    public async Task No_replayable_drafts_gives_unmeasured_rates_not_zero_or_perfect()
    {
        var replayer = new DraftingReplayer(new InMemoryScreeningStore(), new ScriptedEvaluator([]), new JobDescriptionDraftFunction(), new HrJobDescriptionChecks(new InclusiveLanguageChecker(), new RequiredSectionsChecker()), Options.Create(new MigrationOptions()));

        var result = await replayer.RunAsync("t1", ["jd-none"], Target, CancellationToken.None);

        Assert.Equal((0, 1), (result.Drafts, result.NotFound));
        Assert.Null(result.Candidate.BothPassRate);
        Assert.Null(result.InclusiveLanguageAgreement);
    }
}
