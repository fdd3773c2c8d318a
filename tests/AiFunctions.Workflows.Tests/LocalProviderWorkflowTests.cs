using AiFunctions.HrFunctions.Screening;
using AiFunctions.Workflows.DependencyInjection;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Storage;
using AiFunctions.Workflows.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace AiFunctions.Workflows.Tests;

/// <summary>The whole screening workflow on the real kernel with the offline Local provider and the Bloomberg sample.</summary>
public sealed class LocalProviderWorkflowTests
{
    [Fact]
    public async Task A_sample_batch_is_screened_by_the_local_provider_ranked_with_evidence_and_approved()
    {
        var events = new RecordingEventPublisher();
        await using var host = await TestDurableHost.StartAsync(
            registry => registry.AddHrWorkflows(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services => services.AddLocalKernelAndWorkflows().AddSingleton<IWorkflowEventPublisher>(events),
            });
        var store = host.Services.GetRequiredService<IScreeningStore>();
        var role = BloombergSamples.Roles["software engineer"];
        var candidates = role.Resumes.Select((resume, i) =>
        {
            var name = BloombergSamples.NamesAcrossGroups(i)[i].Name;
            return new CandidateSubmission($"swe-{i}", name, resume.Replace(BloombergSamples.NamePlaceholder, name, StringComparison.Ordinal));
        }).ToList();
        // One large resume arrives as a blob reference instead of inline text.
        var blobName = await store.PutResumeAsync("sample-1", "swe-blob", role.Resumes[0].Replace(BloombergSamples.NamePlaceholder, "Blob Candidate", StringComparison.Ordinal));
        candidates.Add(new CandidateSubmission("swe-blob", "Blob Candidate", ResumeBlobName: blobName));
        var requisition = new RequisitionSpec("req-swe", "Software Engineer", role.JobDescription,
        [
            new Criterion("dev", "Professional software development experience", CriterionKind.MustHave, 2),
            new Criterion("python", "Python", CriterionKind.NiceToHave),
            new Criterion("lead", "Leading a team of engineers", CriterionKind.NiceToHave),
        ]);
        var request = new ScreeningBatchRequest("sample-1", "contoso", requisition, candidates, new ReviewPolicy { ShortlistSize = 5, ReviewTimeout = TimeSpan.FromMinutes(10) });
        Assert.Empty(ScreeningBatchRequestValidator.Validate(request));

        var instanceId = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.ScreeningBatchOrchestrator, request, new StartOrchestrationOptions { InstanceId = WorkflowInstanceIds.Screening("sample-1") });
        await HostWaits.WaitForEventAsync(events, WorkflowEventTypes.ScreeningReviewRequired, "screening/sample-1", timeout: TimeSpan.FromMinutes(2));
        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.ShortlistReviewEvent, new ShortlistReviewDecision(ReviewDecision.Approve, "reviewer@contoso.com"));
        var summary = (await HostWaits.WaitForCompletionAsync(host.Client, instanceId)).ReadOutputAs<ScreeningBatchSummary>()!;

        Assert.Equal((ScreeningOutcome.Approved, 9, 9, 0), (summary.Outcome, summary.Total, summary.Screened, summary.Failed));
        var results = await store.GetResultsAsync("sample-1");
        RankAssert.CompetitionRanks(results, 9);
        Assert.All(results, r =>
        {
            Assert.Equal(("local", "hr-rules-v1", ResumeScreeningFunction.PromptVersion), (r.Provenance!.Plugin, r.Provenance.Model, r.Provenance.FunctionVersion));
            Assert.Equal(3, r.Assessment!.Criteria.Count);
            Assert.InRange(r.Assessment.OverallScore, 0, 100);
        });
        Assert.Contains(results, r => r.Assessment!.Criteria.Any(c => c.Evidence.Count > 0));
        // Same resume text (resume 0) under two names: same score.
        Assert.Equal(
            results.Single(r => r.CandidateId == "swe-0").Assessment!.OverallScore,
            results.Single(r => r.CandidateId == "swe-blob").Assessment!.OverallScore);
        Assert.Equal(summary.Shortlist.Select(s => s.CandidateId), results.Where(r => r.Assessment!.MustHavesMet).Take(5).Select(r => r.CandidateId));
    }
}
