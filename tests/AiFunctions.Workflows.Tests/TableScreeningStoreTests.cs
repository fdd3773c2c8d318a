using AiFunctions.HrFunctions.Drafting;
using AiFunctions.HrFunctions.Screening;
using AiFunctions.Kernel.Functions;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Sanitizing;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using AiFunctions.Testing;
using AiFunctions.Workflows.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary><see cref="TableScreeningStore"/> against a real Azurite (tables and containers created on first use).</summary>
public sealed class TableScreeningStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly AiFunctionProvenance Provenance = new("hr.screen-resume", "2026-11-27.1", "screening", "local", "local", "1.0.0", "hr-rules-v1", false, 1, false, T0);

    [Fact]
    public async Task Writing_a_result_twice_leaves_one_result_holding_the_last_write()
    {
        var store = NewStore();
        await SaveBatchAsync(store, "idem", 2);

        await store.UpsertResultAsync(Result("idem", "c-0", 40));
        await store.UpsertResultAsync(Result("idem", "c-0", 75));

        var results = await store.GetResultsAsync("idem");
        var only = Assert.Single(results);
        Assert.Equal(75, only.Assessment!.OverallScore);
        Assert.Equal(new BatchProgress(2, 1, 0), (await store.GetBatchAsync("idem"))!.Progress);
    }

    [Fact]
    public async Task A_group_of_candidates_and_results_is_found_by_id_across_query_slices()
    {
        var store = NewStore();
        await SaveBatchAsync(store, "group", 20);
        await store.SaveBatchAsync(
            new ScreeningBatchRecord("group", "contoso", new RequisitionSpec("req-1", "Engineer", "Build things.", []), new ReviewPolicy(), 21, ScreeningBatchStatus.Screening, "1", null, T0, T0),
            [new CandidateRecord("group", "odd/id#1", "Odd Name", "group/odd.txt")]);
        await store.UpsertResultsAsync([Result("group", "c-3", 30), Result("group", "c-17", 70), Result("group", "odd/id#1", 50)]);
        string[] ids = [.. Enumerable.Range(0, 18).Select(i => $"c-{i}"), "odd/id#1", "nobody"];

        var candidates = await store.FindCandidatesAsync("group", ids);
        var results = await store.FindResultsAsync("group", ids);

        Assert.Equal(19, candidates.Count);
        Assert.Equal(("Name 17", "Odd Name"), (candidates["c-17"].DisplayName, candidates["odd/id#1"].DisplayName));
        Assert.False(candidates.ContainsKey("nobody"));
        Assert.Equal(["c-17", "c-3", "odd/id#1"], results.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(70, results["c-17"].Assessment!.OverallScore);
        Assert.Empty(await store.FindResultsAsync("other-batch", ids));
    }

    [Fact]
    public async Task Batch_candidates_resumes_and_status_round_trip()
    {
        var store = NewStore();
        await SaveBatchAsync(store, "round", 3);

        var batch = await store.GetBatchAsync("round");
        Assert.Equal(("contoso", 3, ScreeningBatchStatus.Screening), (batch!.Tenant, batch.Total, batch.Status));
        Assert.Equal("C#", batch.Requisition.Criteria[0].Text);
        Assert.Equal(new BatchProgress(3, 0, 0), batch.Progress);

        var candidate = await store.GetCandidateAsync("round", "c-1");
        Assert.Equal("Name 1", candidate!.DisplayName);
        Assert.Equal("Resume 1 with C#", await store.GetResumeAsync(candidate.ResumeBlobName));
        Assert.Null(await store.GetResumeAsync("round/nobody.txt"));
        Assert.Null(await store.GetCandidateAsync("round", "nobody"));

        ShortlistEntry[] shortlist = [new(1, "c-2", 90, true)];
        await store.SetBatchStatusAsync("round", ScreeningBatchStatus.AwaitingReview, T0.AddMinutes(5), shortlist);
        var updated = await store.GetBatchAsync("round", includeProgress: false);
        Assert.Equal(ScreeningBatchStatus.AwaitingReview, updated!.Status);
        Assert.Equal(shortlist, updated.Shortlist);
        Assert.Null(updated.Progress);
        Assert.Null(await store.GetBatchAsync("missing"));
    }

    [Fact]
    public async Task Many_results_upsert_in_transactions_and_read_back_in_rank_order()
    {
        var store = NewStore();
        await SaveBatchAsync(store, "many", 250);
        var results = Enumerable.Range(0, 250).Select(i => Result("many", $"c-{i:D3}", i % 100)).ToArray();
        await store.UpsertResultsAsync(results);

        var ranked = CandidateRanker.Rank(await store.GetResultsAsync("many"));
        await store.UpsertResultsAsync(ranked);
        await store.UpsertResultsAsync(ranked);

        var read = await store.GetResultsAsync("many");
        Assert.Equal(250, read.Count);
        // 100 distinct scores over 250 candidates: equal scores share a (competition) rank.
        Assert.Equal(ranked.Select(r => r.Rank), read.Select(r => r.Rank));
        Assert.Equal(100, read.Select(r => r.Rank).Distinct().Count());
        Assert.Equal(ranked.Select(r => r.CandidateId), read.Select(r => r.CandidateId));
        Assert.Equal(new BatchProgress(250, 250, 0), (await store.GetBatchAsync("many"))!.Progress);
    }

    [Fact]
    public async Task A_payload_too_large_for_a_table_property_goes_to_a_blob_and_reads_back()
    {
        var store = NewStore();
        await SaveBatchAsync(store, "large", 1);
        var evidence = Enumerable.Range(0, 400).Select(i => $"Evidence line {i} quoted verbatim from a long resume.").ToArray();
        var large = Result("large", "c-0", 88) with
        {
            Assessment = new ScreeningAssessment([new CriterionAssessment("csharp", 88, true, evidence, "Long.")], true, 88, [], "Summary."),
        };

        await store.UpsertResultAsync(large);
        await store.UpsertResultAsync(large);

        var read = Assert.Single(await store.GetResultsAsync("large"));
        Assert.Equal(evidence, read.Assessment!.Criteria[0].Evidence);
    }

    [Fact]
    public async Task Decision_trail_reads_in_sequence_with_the_scoring_provenance()
    {
        var store = NewStore();
        await SaveBatchAsync(store, "trail", 2);
        await store.UpsertResultAsync(Result("trail", "c-1", 60));
        await store.UpsertResultAsync(Result("trail", "c-0", 70));
        await store.RecordDecisionAsync(new DecisionTrailEntry("trail", 1, DecisionKind.ReviewRequested, "workflow", T0.AddMinutes(1)));
        await store.RecordDecisionAsync(new DecisionTrailEntry("trail", 0, DecisionKind.Ranked, "workflow", T0, Details: new Dictionary<string, string> { ["shortlist"] = "c-0" }));
        await store.RecordDecisionAsync(new DecisionTrailEntry("trail", 2, DecisionKind.Approved, "reviewer@contoso.com", T0.AddMinutes(2), "Fine."));
        await store.RecordDecisionAsync(new DecisionTrailEntry("trail", 2, DecisionKind.Approved, "reviewer@contoso.com", T0.AddMinutes(2), "Fine."));

        var trail = await store.GetDecisionTrailAsync("trail");

        Assert.Equal([DecisionKind.Ranked, DecisionKind.ReviewRequested, DecisionKind.Approved], trail.Entries.Select(e => e.Kind));
        Assert.Equal("c-0", trail.Entries[0].Details!["shortlist"]);
        Assert.Equal(("reviewer@contoso.com", "Fine."), (trail.Entries[2].Actor, trail.Entries[2].Comment));
        Assert.Equal(["c-0", "c-1"], trail.Scoring.Select(s => s.CandidateId));
        Assert.All(trail.Scoring, s => Assert.Equal(("local", "hr-rules-v1", "2026-11-27.1"), (s.ProviderInstance, s.Model, s.FunctionVersion)));
    }

    [Fact]
    public async Task Job_description_versions_reviews_and_approval_are_stored()
    {
        var store = NewStore();
        var draft = new JobDescriptionDraft("Engineer", "Summary", ["Build"], ["C#"], [], "Benefits", "EEO", "# Engineer");
        var v1 = new JobDescriptionVersion("jd-1", 1, draft, [new JobDescriptionFinding("inclusive-language", "'rockstar'")], Provenance, T0);
        await store.UpsertJobDescriptionVersionAsync("contoso", v1);
        await store.UpsertJobDescriptionVersionAsync("contoso", v1 with { Review = new JobDescriptionReview(JobDescriptionReviewDecision.Revise, "hm", ["Shorter."]), ReviewedAt = T0.AddHours(1) });
        await store.UpsertJobDescriptionVersionAsync("contoso", new JobDescriptionVersion("jd-1", 2, draft with { Summary = "Shorter" }, [], Provenance, T0.AddHours(2)));
        await store.SetJobDescriptionStatusAsync("jd-1", "contoso", JobDescriptionStatus.Approved, T0.AddHours(3), approvedVersion: 2, approvedBy: "hm");

        var record = await store.GetJobDescriptionAsync("jd-1");

        Assert.Equal((JobDescriptionStatus.Approved, 2, "hm", T0.AddHours(3)), (record!.Status, record.ApprovedVersion, record.ApprovedBy, record.ApprovedAt));
        Assert.Equal([1, 2], record.Versions.Select(v => v.Version));
        Assert.Equal(["Shorter."], record.Versions[0].Review!.Comments);
        Assert.Equal("Shorter", record.Versions[1].Draft.Summary);
        Assert.Null(await store.GetJobDescriptionAsync("jd-missing"));
    }

    [Fact]
    public async Task Batches_and_job_descriptions_list_by_tenant_status_requisition_and_time_a_page_at_a_time()
    {
        var store = NewStore();
        ScreeningBatchRecord Batch(string id, string tenant, string requisition, ScreeningBatchStatus status, int hours) =>
            new(id, tenant, new RequisitionSpec(requisition, "Engineer", "Build things.", []), new ReviewPolicy(), 1, status, "1", null, T0, T0.AddHours(hours));
        foreach (var batch in new[]
        {
            Batch("b1", "contoso", "req-1", ScreeningBatchStatus.AwaitingReview, 1),
            Batch("b2", "contoso", "req-1", ScreeningBatchStatus.AwaitingReview, 2),
            Batch("b3", "contoso", "req-1", ScreeningBatchStatus.AwaitingReview, 3),
            Batch("b4", "contoso", "req-2", ScreeningBatchStatus.AwaitingReview, 4),
            Batch("b5", "contoso", "req-1", ScreeningBatchStatus.Approved, 5),
            Batch("b6", "fabrikam", "req-1", ScreeningBatchStatus.AwaitingReview, 6),
        })
        {
            await store.SaveBatchAsync(batch, []);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListBatchesAsync(new RecordQuery("contoso", "AwaitingReview", "req-1", PageSize: 2, ContinuationToken: token));
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(b => b.BatchId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(["b1", "b2", "b3"], seen.Order(StringComparer.Ordinal));

        // A token the service never issued is refused as the caller's mistake (the API answers 400), whatever its shape:
        // it never surfaces as a storage failure, and it never widens the tenant filter.
        foreach (var forged in new[] { "garbage", "a b c", " ", "1!0!contoso 1!0!x", "\u0000 \u0001", new string('x', 5000) + " y" })
        {
            try
            {
                var page = await store.ListBatchesAsync(new RecordQuery("contoso", PageSize: 50, ContinuationToken: forged));
                Assert.All(page.Items, b => Assert.StartsWith("b", b.BatchId, StringComparison.Ordinal));
                Assert.DoesNotContain(page.Items, b => b.Tenant == "fabrikam");
            }
            catch (ArgumentException ex)
            {
                Assert.Equal(nameof(RecordQuery.ContinuationToken), ex.ParamName);
            }
        }

        var window = await store.ListBatchesAsync(new RecordQuery("contoso", UpdatedFrom: T0.AddHours(2), UpdatedTo: T0.AddHours(4)));
        Assert.Equal(["b2", "b3"], window.Items.Select(b => b.BatchId).Order(StringComparer.Ordinal));

        await store.UpsertJobDescriptionVersionAsync("contoso", new JobDescriptionVersion("jd-1", 1, new JobDescriptionDraft("T", "S", ["r"], ["q"], ["n"], "B", "E", "# T"), [], Provenance, T0));
        await store.SetJobDescriptionStatusAsync("jd-1", "contoso", JobDescriptionStatus.Approved, T0.AddHours(1), 1, "hm");
        await store.UpsertJobDescriptionVersionAsync("fabrikam", new JobDescriptionVersion("jd-2", 1, new JobDescriptionDraft("T", "S", ["r"], ["q"], ["n"], "B", "E", "# T"), [], Provenance, T0));
        var approved = Assert.Single((await store.ListJobDescriptionsAsync(new RecordQuery("contoso", "Approved"))).Items);
        Assert.Equal(("jd-1", 1, "hm"), (approved.JobDescriptionId, approved.ApprovedVersion, approved.ApprovedBy));
    }

    [Fact]
    public async Task Erasing_a_candidate_clears_resume_name_result_payload_and_self_identified_in_every_batch_of_the_tenant_only()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var store = NewStore(prefix);
        string[] batches = ["contoso.b1", "contoso.b2", "contosox.b3", "fabrikam.b4"]; // "contosox" shares the prefix, not the tenant
        foreach (var batch in batches)
        {
            await SaveBatchAsync(store, batch, 3);
            await store.UpsertResultAsync(Result(batch, "c-0", 60));
            await store.UpsertResultAsync(batch == "contoso.b1" ? LargeResult(batch, "c-1") : Result(batch, "c-1", 70));
            await store.PutSelfIdentifiedAsync(batch, new Dictionary<string, Fairness.SelfIdentifiedCategories>
            {
                ["c-0"] = new("Male", null),
                ["c-1"] = new("Female", null),
            });
        }

        var payloadContainer = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(prefix.ToLowerInvariant() + "-workflow-payloads");
        Assert.True((await payloadContainer.GetBlobClient("results/contoso.b1/c-1.json").ExistsAsync()).Value, "the large result was not offloaded");

        var erasure = await store.EraseCandidateAsync("contoso", "c-1", "portal-backend", T0);
        Assert.Equal(["contoso.b1", "contoso.b2"], erasure.BatchIds.Order(StringComparer.Ordinal));
        Assert.Equal((2, 2, 2), (erasure.ResumesDeleted, erasure.ResultsErased, erasure.SelfIdentifiedRemoved));
        Assert.Equal(CandidateErasure.SubjectKeyOf("contoso", "c-1"), erasure.SubjectKey);

        foreach (var batch in new[] { "contoso.b1", "contoso.b2" })
        {
            var candidate = (await store.GetCandidateAsync(batch, "c-1"))!;
            Assert.Equal(CandidateErasure.ErasedMarker, candidate.DisplayName);
            Assert.Null(await store.GetResumeAsync(candidate.ResumeBlobName));
            var result = (await store.GetResultAsync(batch, "c-1"))!;
            Assert.Equal((CandidateErasure.ErasedMarker, CandidateResultStatus.Failed, null, 0), (result.DisplayName, result.Status, result.Assessment, result.Flags.Count));
            Assert.False((await store.GetSelfIdentifiedAsync(batch)).ContainsKey("c-1"));
            Assert.True((await store.GetSelfIdentifiedAsync(batch)).ContainsKey("c-0"));
            Assert.Equal("Name 0", (await store.GetCandidateAsync(batch, "c-0"))!.DisplayName);
            Assert.Equal(60, (await store.GetResultAsync(batch, "c-0"))!.Assessment!.OverallScore);
        }

        foreach (var batch in new[] { "contosox.b3", "fabrikam.b4" })
        {
            var candidate = (await store.GetCandidateAsync(batch, "c-1"))!;
            Assert.Equal("Name 1", candidate.DisplayName);
            Assert.NotNull(await store.GetResumeAsync(candidate.ResumeBlobName));
            Assert.Equal(70, (await store.GetResultAsync(batch, "c-1"))!.Assessment!.OverallScore);
        }

        // The offloaded payload of the large original result is gone from the payload container.
        var payloads = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString)
            .GetBlobContainerClient(prefix.ToLowerInvariant() + "-workflow-payloads");
        var names = new List<string>();
        await foreach (var blob in payloads.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "results/", default))
        {
            names.Add(blob.Name);
        }

        Assert.DoesNotContain(names, n => n.Contains("contoso.b1/c-1", StringComparison.Ordinal));
        Assert.False((await payloadContainer.GetBlobClient("results/contoso.b1/c-1.json").ExistsAsync()).Value);

        // Idempotent, and the log keeps entries without personal data, newest first.
        var again = await store.EraseCandidateAsync("contoso", "c-1", "portal-backend", T0.AddMinutes(1));
        Assert.Equal((0, 0, 0), (again.ResumesDeleted, again.ResultsErased, again.SelfIdentifiedRemoved));
        await store.RecordErasureAsync(erasure);
        await store.RecordErasureAsync(again);
        var log = (await store.ListErasurePageAsync(new RecordQuery("contoso", PageSize: 10))).Items;
        Assert.Equal([T0.AddMinutes(1), T0], log.Select(e => e.At));
        Assert.Empty((await store.ListErasurePageAsync(new RecordQuery("fabrikam", PageSize: 10))).Items);
    }

    [Fact]
    public async Task Deleting_a_batch_removes_every_row_payload_and_resume_of_it_only_and_a_second_delete_finds_nothing()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var store = NewStore(prefix);
        foreach (var batch in new[] { "contoso.gone", "contoso.kept" })
        {
            await SaveBatchAsync(store, batch, 2);
            await store.UpsertResultAsync(LargeResult(batch, "c-0"));
            await store.UpsertResultAsync(Result(batch, "c-1", 70));
            await store.RecordDecisionAsync(new DecisionTrailEntry(batch, 1, DecisionKind.Approved, "riley@contoso.example", T0, "Good shortlist"));
            await store.PutSelfIdentifiedAsync(batch, new Dictionary<string, Fairness.SelfIdentifiedCategories> { ["c-0"] = new("Male", null) });
        }

        var resumeBlob = (await store.GetCandidateAsync("contoso.gone", "c-0"))!.ResumeBlobName;
        var deleted = await store.DeleteBatchAsync("contoso.gone");

        Assert.Equal(new BatchDeletion(true, 2, 2, 1), deleted);
        Assert.Null(await store.GetBatchAsync("contoso.gone"));
        Assert.Null(await store.GetCandidateAsync("contoso.gone", "c-0"));
        Assert.Null(await store.GetResumeAsync(resumeBlob));
        Assert.Empty(await store.GetResultsAsync("contoso.gone"));
        Assert.Empty((await store.GetDecisionTrailAsync("contoso.gone")).Entries);
        Assert.Empty(await store.GetSelfIdentifiedAsync("contoso.gone"));
        var payloads = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(prefix.ToLowerInvariant() + "-workflow-payloads");
        Assert.False((await payloads.GetBlobClient("results/contoso.gone/c-0.json").ExistsAsync()).Value);
        Assert.True((await payloads.GetBlobClient("results/contoso.kept/c-0.json").ExistsAsync()).Value);

        Assert.NotNull(await store.GetBatchAsync("contoso.kept"));
        Assert.Equal(2, (await store.GetResultsAsync("contoso.kept")).Count);
        Assert.Single((await store.GetDecisionTrailAsync("contoso.kept")).Entries);
        Assert.Equal(new BatchDeletion(false, 0, 0, 0), await store.DeleteBatchAsync("contoso.gone"));
    }

    [Fact]
    public async Task Purging_resumes_by_age_deletes_those_written_before_the_cutoff_counts_them_per_tenant_and_keeps_self_identified_categories()
    {
        var store = NewStore();
        await SaveBatchAsync(store, "contoso.old", 2);
        await SaveBatchAsync(store, "fabrikam.old", 1);
        await store.PutSelfIdentifiedAsync("contoso.old", new Dictionary<string, Fairness.SelfIdentifiedCategories> { ["c-0"] = new("Male", null) });
        var upload = await ResumeUploads.PutAsync(store, "contoso", ResumeUploads.NewId(), "uploaded resume");

        Assert.Empty(await store.PurgeResumesAsync(DateTimeOffset.UtcNow.AddMinutes(-10)));

        var purged = await store.PurgeResumesAsync(DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.Equal(3, purged["contoso"]); // two batch resumes and the upload
        Assert.Equal(1, purged["fabrikam"]);
        Assert.Null(await store.GetResumeAsync(upload));
        Assert.Null(await store.GetResumeAsync((await store.GetCandidateAsync("contoso.old", "c-1"))!.ResumeBlobName));
        Assert.True((await store.GetSelfIdentifiedAsync("contoso.old")).ContainsKey("c-0"));
        Assert.Empty(await store.PurgeResumesAsync(DateTimeOffset.UtcNow.AddMinutes(10)));
    }

    [Fact]
    public async Task Small_resumes_are_kept_in_the_candidate_rows_read_with_the_records_and_survive_the_batch_save_large_ones_go_to_blobs()
    {
        var store = NewStore();
        var limit = TableScreeningStore.MaxRowResumeChars;
        // Edge lengths, every character JSON escapes, non-ASCII and surrogate pairs: what a resume may hold.
        var resumes = new[]
        {
            KeyValuePair.Create("c-short", "Ann Lee\nC# \"quoted\" \\ <b>&</b> \u0001\t é 漢字 😀"),
            KeyValuePair.Create("c-limit", new string('é', limit)),
            KeyValuePair.Create("c-large", new string('x', limit + 1)),
            KeyValuePair.Create("c-empty", string.Empty),
        };

        var references = await store.PutResumesAsync("contoso.rows", resumes);

        Assert.Equal(["row:contoso.rows/c-short", "row:contoso.rows/c-limit", "contoso.rows/c-large.txt", "row:contoso.rows/c-empty"], references);
        await store.SaveBatchAsync(Batch("contoso.rows", 4), resumes.Select((r, i) => new CandidateRecord("contoso.rows", r.Key, "Name " + i, references[i])).ToArray());

        var found = await store.FindCandidatesAsync("contoso.rows", resumes.Select(r => r.Key).ToArray());
        Assert.Equal(resumes[0].Value, found["c-short"].ResumeText);
        Assert.Equal(resumes[1].Value, found["c-limit"].ResumeText);
        Assert.Null(found["c-large"].ResumeText);
        Assert.Equal("Name 0", found["c-short"].DisplayName);
        for (var i = 0; i < resumes.Length; i++)
        {
            Assert.Equal(resumes[i].Value, await found[resumes[i].Key].ReadResumeAsync(store));
            Assert.Equal(resumes[i].Value, await store.GetResumeAsync(references[i]));
        }

        // Written again (a repeated activity): the same references, the same text.
        Assert.Equal(references, await store.PutResumesAsync("contoso.rows", resumes));
        Assert.Equal(resumes[0].Value, (await store.GetCandidateAsync("contoso.rows", "c-short"))!.ResumeText);
    }

    [Fact]
    public async Task Persisting_a_batch_keeps_small_inline_resumes_in_the_rows_a_large_one_as_a_blob_and_an_uploaded_one_by_its_name()
    {
        var store = NewStore();
        var upload = await store.PutResumeAsync("contoso.upload-1", "resume", "Uploaded resume with C#");
        var large = "Large resume with C# " + new string('x', TableScreeningStore.MaxRowResumeChars);
        var request = new ScreeningBatchRequest(
            "contoso.persist",
            "contoso",
            new RequisitionSpec("req-1", "Engineer", "Build things.", [new Criterion("csharp", "C#", CriterionKind.MustHave)]),
            [new CandidateSubmission("c-small", "Ann Lee", "Small resume with C#"), new CandidateSubmission("c-large", "Bo Chen", large), new CandidateSubmission("c-up", "Cy Diaz", ResumeBlobName: upload)]);

        var stored = await new PersistBatchActivity(store).RunAsync(new Moq.Mock<Microsoft.DurableTask.TaskActivityContext>().Object, new PersistBatchInput(request, T0));

        Assert.Equal(3, stored);
        var records = await store.FindCandidatesAsync("contoso.persist", ["c-small", "c-large", "c-up"]);
        Assert.Equal(("row:contoso.persist/c-small", "Small resume with C#", "Ann Lee"), (records["c-small"].ResumeBlobName, records["c-small"].ResumeText, records["c-small"].DisplayName));
        Assert.Equal(("contoso.persist/c-large.txt", null), (records["c-large"].ResumeBlobName, records["c-large"].ResumeText));
        Assert.Equal(large, await records["c-large"].ReadResumeAsync(store));
        Assert.Equal((upload, null), (records["c-up"].ResumeBlobName, records["c-up"].ResumeText));
        Assert.Equal("Uploaded resume with C#", await records["c-up"].ReadResumeAsync(store));
        Assert.Equal(ScreeningBatchStatus.Screening, (await store.GetBatchAsync("contoso.persist", includeProgress: false))!.Status);
    }

    [Fact]
    public async Task Many_long_multibyte_row_resumes_are_written_in_transactions_under_the_size_limit_and_read_back()
    {
        var store = NewStore();
        // 120 rows of 30,000 three-byte characters: about 10.8 MB, far over one transaction's 4 MiB and 100 operations.
        var resumes = Enumerable.Range(0, 120).Select(i => KeyValuePair.Create($"c-{i:D3}", new string('漢', TableScreeningStore.MaxRowResumeChars - i))).ToArray();

        var references = await store.PutResumesAsync("contoso.many", resumes);

        Assert.All(references, r => Assert.StartsWith("row:", r, StringComparison.Ordinal));
        var found = await store.FindCandidatesAsync("contoso.many", resumes.Select(r => r.Key).ToArray());
        Assert.Equal(120, found.Count);
        Assert.All(resumes, r => Assert.Equal(r.Value, found[r.Key].ResumeText));
    }

    [Fact]
    public async Task Row_resumes_are_erased_deleted_with_the_batch_and_purged_by_age_like_blobs()
    {
        var store = NewStore();
        foreach (var batch in new[] { "contoso.r1", "contoso.r2", "fabrikam.r3" })
        {
            var resumes = new[] { KeyValuePair.Create("c-0", "Resume zero with C#"), KeyValuePair.Create("c-1", "Resume one with C#") };
            var references = await store.PutResumesAsync(batch, resumes);
            await store.SaveBatchAsync(Batch(batch, 2), [new CandidateRecord(batch, "c-0", "Name 0", references[0]), new CandidateRecord(batch, "c-1", "Name 1", references[1])]);
        }

        // Erasure: the resume leaves the row with the name, in every batch of the tenant only.
        var erasure = await store.EraseCandidateAsync("contoso", "c-1", "portal-backend", T0);
        Assert.Equal(2, erasure.ResumesDeleted);
        foreach (var batch in new[] { "contoso.r1", "contoso.r2" })
        {
            var erased = (await store.GetCandidateAsync(batch, "c-1"))!;
            Assert.Equal((CandidateErasure.ErasedMarker, null), (erased.DisplayName, erased.ResumeText));
            Assert.Null(await store.GetResumeAsync(erased.ResumeBlobName));
            Assert.Equal("Resume zero with C#", (await store.GetCandidateAsync(batch, "c-0"))!.ResumeText);
        }

        Assert.Equal("Resume one with C#", (await store.GetCandidateAsync("fabrikam.r3", "c-1"))!.ResumeText);
        Assert.Equal(0, (await store.EraseCandidateAsync("contoso", "c-1", "portal-backend", T0)).ResumesDeleted);

        // Deleting a batch counts the row resumes it removes.
        Assert.Equal(1, (await store.DeleteBatchAsync("contoso.r2")).Resumes);

        // Retention: nothing is younger than the cutoff yet; then every remaining row resume goes, the rows stay.
        Assert.Empty(await store.PurgeResumesAsync(DateTimeOffset.UtcNow.AddMinutes(-10)));
        var purged = await store.PurgeResumesAsync(DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Equal((1, 2), (purged["contoso"], purged["fabrikam"]));
        var kept = (await store.GetCandidateAsync("contoso.r1", "c-0"))!;
        Assert.Equal(("Name 0", null), (kept.DisplayName, kept.ResumeText));
        Assert.Null(await store.GetResumeAsync(kept.ResumeBlobName));
        Assert.Empty(await store.PurgeResumesAsync(DateTimeOffset.UtcNow.AddMinutes(10)));
    }

    [Fact]
    public async Task A_row_reference_that_is_malformed_or_names_no_row_reads_as_no_resume()
    {
        var store = NewStore();
        await store.PutResumesAsync("contoso.ok", [KeyValuePair.Create("c-0", "text")]);

        foreach (var reference in new[] { "row:", "row:contoso.ok", "row:/c-0", "row:contoso.ok/", "row:contoso.ok/c-0/x", "row:contoso.ok/c-9", "row:other.batch/c-0" })
        {
            Assert.Null(await store.GetResumeAsync(reference));
        }

        Assert.Equal("text", await store.GetResumeAsync("row:contoso.ok/c-0"));
    }

    [Fact]
    public async Task The_erasure_log_pages_newest_first_per_tenant_and_reads_entries_with_fields_it_does_not_know()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var store = NewStore(prefix);
        for (var i = 0; i < 3; i++)
        {
            await store.RecordErasureAsync(new CandidateErasure("contoso", CandidateErasure.SubjectKeyOf("contoso", $"c-{i}"), [$"contoso.b{i}"], 1, 1, 0, 1, "portal-backend", T0.AddMinutes(i)));
        }

        await store.RecordErasureAsync(new CandidateErasure("fabrikam", CandidateErasure.SubjectKeyOf("fabrikam", "c-0"), [], 0, 0, 0, 0, "other", T0.AddMinutes(9)));

        // A newer writer's entry (e.g. a retention purge with kind/trigger and no candidate): listed, extra fields ignored.
        var log = new Azure.Data.Tables.TableClient(azurite.ConnectionString, prefix + "Erasures");
        var row = (DateTimeOffset.MaxValue.UtcTicks - T0.AddMinutes(5).UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-purge001";
        await log.AddEntityAsync(new Azure.Data.Tables.TableEntity("contoso", row)
        {
            ["Payload"] = """{"tenant":"contoso","kind":"RetentionPurge","trigger":"schedule","batchIds":["contoso.old"],"resumesDeleted":4,"resultsErased":4,"selfIdentifiedRemoved":0,"instancesPurged":2,"requestedBy":"retention","at":"2026-11-27T12:05:00+00:00","future":{"nested":true}}""",
        });

        var first = await store.ListErasurePageAsync(new RecordQuery("contoso", PageSize: 2));
        Assert.Equal([T0.AddMinutes(5), T0.AddMinutes(2)], first.Items.Select(e => e.At));
        Assert.Equal(("retention", 4), (first.Items[0].RequestedBy, first.Items[0].ResumesDeleted));
        Assert.NotNull(first.ContinuationToken);
        var second = await store.ListErasurePageAsync(new RecordQuery("contoso", PageSize: 2, ContinuationToken: first.ContinuationToken));
        Assert.Equal([T0.AddMinutes(1), T0], second.Items.Select(e => e.At));
        Assert.All([.. first.Items, .. second.Items], e => Assert.Equal("contoso", e.Tenant));
        Assert.Null((await store.ListErasurePageAsync(new RecordQuery("contoso", PageSize: 10, ContinuationToken: second.ContinuationToken))).ContinuationToken);
        var other = await store.ListErasurePageAsync(new RecordQuery("fabrikam"));
        Assert.Equal("other", Assert.Single(other.Items).RequestedBy);

        // A token pointing into another tenant's partition cannot leave the caller's: the partition filter holds.
        var forged = await store.ListErasurePageAsync(new RecordQuery("contoso", PageSize: 10, ContinuationToken: "fabrikam 0"));
        Assert.All(forged.Items, e => Assert.Equal("contoso", e.Tenant));
    }

    private static CandidateResult LargeResult(string batchId, string candidateId) => Result(batchId, candidateId, 70) with
    {
        Assessment = new ScreeningAssessment([new CriterionAssessment("csharp", 70, true, ["C#"], new string('r', 40_000))], true, 70, [], "s"),
    };

    private TableScreeningStore NewStore(string? prefix = null) => new(Options.Create(new WorkflowStorageOptions
    {
        ConnectionString = azurite.ConnectionString,
        NamePrefix = prefix ?? "t" + Guid.NewGuid().ToString("N")[..10],
    }));

    private static ScreeningBatchRecord Batch(string batchId, int candidates) =>
        new(batchId, "contoso", new RequisitionSpec("req-1", "Engineer", "Build things.", [new Criterion("csharp", "C#", CriterionKind.MustHave)]), new ReviewPolicy(), candidates, ScreeningBatchStatus.Screening, "1", null, T0, T0);

    private static async Task SaveBatchAsync(TableScreeningStore store, string batchId, int candidates)
    {
        var records = new List<CandidateRecord>();
        for (var i = 0; i < candidates; i++)
        {
            var id = candidates > 100 ? $"c-{i:D3}" : $"c-{i}";
            var blob = await store.PutResumeAsync(batchId, id, $"Resume {i} with C#");
            records.Add(new CandidateRecord(batchId, id, $"Name {i}", blob));
        }

        var requisition = new RequisitionSpec("req-1", "Engineer", "Build things.", [new Criterion("csharp", "C#", CriterionKind.MustHave)]);
        await store.SaveBatchAsync(new ScreeningBatchRecord(batchId, "contoso", requisition, new ReviewPolicy(), candidates, ScreeningBatchStatus.Screening, "1", null, T0, T0), records);
    }

    private static CandidateResult Result(string batchId, string candidateId, int score) => new(
        batchId,
        candidateId,
        "Name",
        CandidateResultStatus.Screened,
        new ScreeningAssessment([new CriterionAssessment("csharp", score, score >= 50, ["C#"], "ok")], score >= 50, score, [], "s"),
        Provenance,
        [new SanitizerFlag(SanitizerFlagKind.PromptInjection, "ignore-previous-instructions: 1")],
        2,
        T0);
}
