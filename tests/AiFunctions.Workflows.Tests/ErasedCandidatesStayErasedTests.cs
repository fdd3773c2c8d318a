using AiFunctions.HrFunctions.Screening;
using AiFunctions.Testing;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Screening.Activities;
using AiFunctions.Workflows.Storage;
using Microsoft.Extensions.Options;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>
/// An erasure is final: a batch stored again after it — the persist activity repeated (at least once), a redelivered or
/// replayed event offloading its resumes again — brings back neither the erased candidate's name nor the resume, in
/// the candidate row, as a blob, or through the record's reference. Both stores behave the same.
/// </summary>
public sealed class ErasedCandidatesStayErasedTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Stores => ["table", "memory"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_batch_persisted_or_offloaded_again_after_an_erasure_keeps_the_erased_candidates_name_and_resume_gone(string kind)
    {
        var store = NewStore(kind);
        var large = "Large resume with C# " + new string('x', TableScreeningStore.MaxRowResumeChars);
        var request = new ScreeningBatchRequest(
            "contoso.erase-again",
            "contoso",
            new RequisitionSpec("req-1", "Engineer", "Build things.", [new Criterion("csharp", "C#", CriterionKind.MustHave)]),
            [
                new CandidateSubmission("c-small", "Ann Lee", "Small resume of Ann Lee with C#"),
                new CandidateSubmission("c-large", "Bo Chen", large),
                new CandidateSubmission("c-keep", "Cy Diaz", "Resume of Cy Diaz with C#"),
            ]);
        var persist = new PersistBatchActivity(store);
        var context = new Moq.Mock<Microsoft.DurableTask.TaskActivityContext>().Object;
        await persist.RunAsync(context, new PersistBatchInput(request, T0));

        await store.EraseCandidateAsync("contoso", "c-small", "portal-backend", T0);
        await store.EraseCandidateAsync("contoso", "c-large", "portal-backend", T0);

        // The activity runs again (its completion was lost), and a redelivered event offloads the resumes again.
        await persist.RunAsync(context, new PersistBatchInput(request, T0));
        var offloaded = await store.OffloadResumesAsync(request);
        await persist.RunAsync(context, new PersistBatchInput(offloaded, T0));

        var records = await store.FindCandidatesAsync("contoso.erase-again", ["c-small", "c-large", "c-keep"]);
        foreach (var id in new[] { "c-small", "c-large" })
        {
            var erased = records[id];
            Assert.Equal((CandidateErasure.ErasedMarker, null), (erased.DisplayName, erased.ResumeText));
            Assert.Null(await erased.ReadResumeAsync(store));
            Assert.Null(await store.GetResumeAsync(offloaded.Candidates.Single(c => c.CandidateId == id).ResumeBlobName!));
        }

        Assert.Equal(("Cy Diaz", "Resume of Cy Diaz with C#"), (records["c-keep"].DisplayName, await records["c-keep"].ReadResumeAsync(store)));
    }

    [Fact]
    public async Task Resumes_offloaded_for_a_batch_that_was_never_saved_are_erased_and_purged_like_saved_ones()
    {
        // A host offloads resumes, then the start fails or never comes: rows with a resume and no name or reference.
        var store = (TableScreeningStore)NewStore("table");
        await store.PutResumesAsync("contoso.orphan", [KeyValuePair.Create("c-0", "Orphan resume zero"), KeyValuePair.Create("c-1", "Orphan resume one")]);

        var erasure = await store.EraseCandidateAsync("contoso", "c-0", "portal-backend", T0);

        Assert.Equal((1, "contoso.orphan"), (erasure.ResumesDeleted, Assert.Single(erasure.BatchIds)));
        Assert.Null(await store.GetResumeAsync("row:contoso.orphan/c-0"));
        var purged = await store.PurgeResumesAsync(DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Equal(1, purged["contoso"]);
        Assert.Null(await store.GetResumeAsync("row:contoso.orphan/c-1"));
        Assert.Null((await store.GetCandidateAsync("contoso.orphan", "c-1"))!.ResumeText);
    }

    private IScreeningStore NewStore(string kind) => kind == "memory"
        ? new InMemoryScreeningStore()
        : new TableScreeningStore(Options.Create(new WorkflowStorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            NamePrefix = "e" + Guid.NewGuid().ToString("N")[..10],
        }));
}
