using AiFunctions.HrFunctions.Checks;
using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Kernel.Functions;
using AiFunctions.Kernel.Shadowing;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Migration;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiFunctions.Workflows.Tests.Migration;

/// <summary>
/// What the drafting replay tests share: stored, approved job description versions (with the request that made them),
/// a queued drafting replay of given ids, and the background runner with only a drafting replayer (the screening-only
/// collaborators are not used by a drafting replay).
/// </summary>
internal static class DraftingReplayFixture
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static readonly AiFunctionProvenance Provenance = new("hr.draft-job-description", "1", "drafting", "azure", "azure-openai", "1.0.0", "gpt-4o-mini", true, 1, false, T0);

    public static readonly HrJobDescriptionChecks Checks = new(new InclusiveLanguageChecker(), new RequiredSectionsChecker());

    public static JobDescriptionRequest Request(string title) => new(title, "Engineering", "Remote", "Full-time", ["Build services"], ["C#"], []);

    /// <summary>A draft that passes both checks, unless <paramref name="inclusive"/> (coded wording) or <paramref name="sections"/> (no benefits) says otherwise.</summary>
    public static JobDescriptionDraft Draft(string title, bool inclusive = true, bool sections = true)
    {
        var summary = inclusive ? "A collaborative engineer building our services." : "A ninja building our services.";
        return new(title, summary, ["Build services"], ["C#"], [], sections ? "Health care and learning budget." : string.Empty,
            "We are an equal opportunity employer.", $"# {title}\n\n{summary}");
    }

    /// <summary>Version 1 of <paramref name="id"/>, approved by reviewer-1, with its request unless <paramref name="keepRequest"/> is false.</summary>
    public static async Task StoreAsync(IScreeningStore store, string tenant, string id, JobDescriptionDraft stored, bool keepRequest = true)
    {
        var key = ResourceIds.Scope(tenant, id);
        await store.UpsertJobDescriptionVersionAsync(tenant, new JobDescriptionVersion(key, 1, stored, Checks.Check(stored), Provenance, T0, Request: keepRequest ? Request(stored.Title) : null));
        await store.SetJobDescriptionStatusAsync(key, tenant, JobDescriptionStatus.Approved, T0, approvedVersion: 1, approvedBy: "reviewer-1");
    }

    public static ReplayRunner Runner(IScreeningStore store, IReplayStore replays, IAiFunctionEvaluator evaluator, int concurrency)
    {
        var options = Options.Create(new MigrationOptions { Replay = new ReplayOptions { MaxConcurrentCalls = concurrency } });
        var drafting = new DraftingReplayer(store, evaluator, new JobDescriptionDraftFunction(), Checks, TimeProvider.System);
        return new ReplayRunner(store, replays, evaluator, null!, null!, drafting, null!, options, TimeProvider.System, NullLogger<ReplayRunner>.Instance);
    }

    /// <summary>A queued drafting replay of <paramref name="ids"/> to the Foundry target, cut off an hour after <see cref="T0"/>.</summary>
    public static async Task<ReplayRecord> QueuedAsync(IReplayStore replays, IReadOnlyList<string> ids, string tenant = "t1")
    {
        var replay = new ReplayRecord("rpl-" + Guid.NewGuid().ToString("N"), tenant, null, null, "foundry/Mistral-Large-2411", "hr.draft-job-description", "1", "operator-1",
            ReplayStatus.Queued, 0, 0, T0, T0, Kind: ReplayKind.Drafting, Drafting: new DraftingSelection(ids, T0.AddHours(1)));
        await replays.SaveAsync(replay);
        return replay;
    }
}
