using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Events;
using AiFunctions.Workflows.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace AiFunctions.Workflows.Tests;

public sealed class JobDescriptionOrchestrationTests(WorkflowHostFixture host) : IClassFixture<WorkflowHostFixture>
{
    [Fact]
    public async Task Approve_after_one_revision_round_publishes_the_second_version()
    {
        var instanceId = await StartAsync(Request("jd-revise-1", TimeSpan.FromMinutes(10), maxRounds: 3));
        await host.WaitForEventAsync(WorkflowEventTypes.JobDescriptionReviewRequired, "jobdescriptions/jd-revise-1");

        var first = await host.Store.GetJobDescriptionAsync("jd-revise-1");
        var version1 = Assert.Single(first!.Versions);
        Assert.Equal(JobDescriptionStatus.AwaitingReview, first.Status);
        // The fake draft says "rockstar" and has no equal-opportunity statement: both checks must report it.
        Assert.Contains(version1.Findings, f => f.Check == HrJobDescriptionChecks.InclusiveLanguage && f.Message.Contains("rockstar", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(version1.Findings, f => f.Check == HrJobDescriptionChecks.RequiredSections && f.Message.Contains("EqualOpportunityStatement", StringComparison.Ordinal));

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.JobDescriptionReviewEvent, new JobDescriptionReview(JobDescriptionReviewDecision.Revise, "hm@contoso.com", ["Say remote-friendly."], Version: 1));
        // An Approve of version 1 sent right after the Revise (a stale page) must not approve version 2 unseen.
        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.JobDescriptionReviewEvent, new JobDescriptionReview(JobDescriptionReviewDecision.Approve, "hm@contoso.com", Version: 1));
        await host.WaitForEventAsync(WorkflowEventTypes.JobDescriptionReviewRequired, "jobdescriptions/jd-revise-1", count: 2);
        Assert.Equal(JobDescriptionStatus.AwaitingReview, (await host.Store.GetJobDescriptionAsync("jd-revise-1"))!.Status);
        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.JobDescriptionReviewEvent, new JobDescriptionReview(JobDescriptionReviewDecision.Approve, "hm@contoso.com", Version: 2));

        var result = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<JobDescriptionWorkflowResult>()!;
        Assert.Equal((JobDescriptionStatus.Approved, 2, 2, "hm@contoso.com"), (result.Status, result.ApprovedVersion, result.Rounds, result.ApprovedBy));

        // The second draft was asked for with the first draft and the reviewer's comments.
        var revision = Assert.Single(host.Invoker.DraftRequests, r => r.Title == "Platform Engineer jd-revise-1" && r.RevisionComments is { Count: > 0 });
        Assert.Equal(["Say remote-friendly."], revision.RevisionComments);
        Assert.NotNull(revision.PreviousDraft);

        var stored = await host.Store.GetJobDescriptionAsync("jd-revise-1");
        Assert.Equal((JobDescriptionStatus.Approved, 2, "hm@contoso.com"), (stored!.Status, stored.ApprovedVersion, stored.ApprovedBy));
        Assert.Equal([1, 2], stored.Versions.Select(v => v.Version));
        Assert.Equal(JobDescriptionReviewDecision.Revise, stored.Versions[0].Review!.Decision);
        Assert.Contains("remote-friendly", stored.Versions[1].Draft.Summary, StringComparison.Ordinal);
        Assert.Equal("hr.draft-job-description", stored.Versions[1].Provenance.Function);

        var approved = Assert.Single(host.Events.OfType(WorkflowEventTypes.JobDescriptionApproved), e => e.Subject == "jobdescriptions/jd-revise-1");
        Assert.Equal($"{instanceId}/approved", approved.Id);
        Assert.Equal(2, approved.DataAs<JobDescriptionEventData>()!.Version);
    }

    [Fact]
    public async Task No_review_before_the_timeout_ends_the_drafting_as_expired()
    {
        var instanceId = await StartAsync(Request("jd-timeout-1", TimeSpan.FromSeconds(1), maxRounds: 2));

        var result = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<JobDescriptionWorkflowResult>()!;

        Assert.Equal((JobDescriptionStatus.Expired, null, 1), (result.Status, result.ApprovedVersion, result.Rounds));
        Assert.Equal(JobDescriptionStatus.Expired, (await host.Store.GetJobDescriptionAsync("jd-timeout-1"))!.Status);
        Assert.Single(host.Events.OfType(WorkflowEventTypes.JobDescriptionExpired), e => e.Subject == "jobdescriptions/jd-timeout-1");
        Assert.DoesNotContain(host.Events.OfType(WorkflowEventTypes.JobDescriptionApproved), e => e.Subject == "jobdescriptions/jd-timeout-1");
    }

    [Fact]
    public async Task A_revision_asked_for_on_the_last_round_ends_without_approval_keeps_the_comments_and_is_published()
    {
        var instanceId = await StartAsync(Request("jd-limit-1", TimeSpan.FromMinutes(10), maxRounds: 1));
        await host.WaitForEventAsync(WorkflowEventTypes.JobDescriptionReviewRequired, "jobdescriptions/jd-limit-1");

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.JobDescriptionReviewEvent, new JobDescriptionReview(JobDescriptionReviewDecision.Revise, "hm", ["More."], Version: 1));
        var completed = await host.WaitForCompletionAsync(instanceId);
        var result = completed.ReadOutputAs<JobDescriptionWorkflowResult>()!;

        Assert.Equal((JobDescriptionStatus.RevisionLimitReached, null, 1), (result.Status, result.ApprovedVersion, result.Rounds));
        var stored = (await host.Store.GetJobDescriptionAsync("jd-limit-1"))!;
        Assert.Equal((JobDescriptionStatus.RevisionLimitReached, (int?)null), (stored.Status, stored.ApprovedVersion));
        Assert.Equal(["More."], stored.Versions.Single().Review!.Comments);
        var ended = Assert.Single(host.Events.OfType(WorkflowEventTypes.JobDescriptionRevisionLimitReached), e => e.Subject == "jobdescriptions/jd-limit-1");
        Assert.Equal(JobDescriptionStatus.RevisionLimitReached, ended.DataAs<JobDescriptionEventData>()!.Status);
        Assert.Contains("RevisionLimitReached", completed.SerializedCustomStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_without_the_awaited_version_is_ignored()
    {
        var instanceId = await StartAsync(Request("jd-unversioned-1", TimeSpan.FromSeconds(3), maxRounds: 2));
        await host.WaitForEventAsync(WorkflowEventTypes.JobDescriptionReviewRequired, "jobdescriptions/jd-unversioned-1");

        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.JobDescriptionReviewEvent, new JobDescriptionReview(JobDescriptionReviewDecision.Approve, "hm"));
        await host.Client.RaiseEventAsync(instanceId, WorkflowNames.JobDescriptionReviewEvent, new JobDescriptionReview(JobDescriptionReviewDecision.Approve, "hm", Version: 7));
        var result = (await host.WaitForCompletionAsync(instanceId)).ReadOutputAs<JobDescriptionWorkflowResult>()!;

        Assert.Equal(JobDescriptionStatus.Expired, result.Status);
        Assert.DoesNotContain(host.Events.OfType(WorkflowEventTypes.JobDescriptionApproved), e => e.Subject == "jobdescriptions/jd-unversioned-1");
    }

    [Fact]
    public async Task A_permanent_drafting_failure_settles_the_job_description_as_failed_at_once_without_durable_retries()
    {
        var id = "jd-perm-1";
        var instanceId = await StartAsync(Request(id, TimeSpan.FromMinutes(10), maxRounds: 2, title: WorkflowHostFixture.DraftTooLongMarker));

        var metadata = await host.WaitForCompletionAsync(instanceId);
        var result = metadata.ReadOutputAs<JobDescriptionWorkflowResult>()!;

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal((JobDescriptionStatus.Failed, 0), (result.Status, result.Rounds));
        Assert.Equal("BadRequest: Provider instance 'fake-instance': 400 context_length_exceeded.", result.Error);
        Assert.Single(host.Invoker.DraftRequests, r => r.Title.EndsWith(id, StringComparison.Ordinal));
        var stored = await host.Store.GetJobDescriptionAsync(id);
        Assert.Equal((JobDescriptionStatus.Failed, result.Error), (stored!.Status, stored.Error));
        Assert.DoesNotContain(host.Events.OfType(WorkflowEventTypes.JobDescriptionReviewRequired), e => e.Subject == $"jobdescriptions/{id}");
    }

    [Fact]
    public async Task A_transient_drafting_failure_is_retried_durably_and_the_draft_reaches_review()
    {
        var id = "jd-flaky-1";
        await StartAsync(Request(id, TimeSpan.FromMinutes(10), maxRounds: 2, title: WorkflowHostFixture.DraftFlakyMarker));

        await host.WaitForEventAsync(WorkflowEventTypes.JobDescriptionReviewRequired, $"jobdescriptions/{id}", timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(2, host.Invoker.DraftRequests.Count(r => r.Title.EndsWith(id, StringComparison.Ordinal)));
        Assert.Equal(JobDescriptionStatus.AwaitingReview, (await host.Store.GetJobDescriptionAsync(id))!.Status);
    }

    private static JobDescriptionWorkflowRequest Request(string id, TimeSpan timeout, int maxRounds, string title = "Platform Engineer") => new(
        id,
        "contoso",
        new JobDescriptionRequest($"{title} {id}", "Engineering", "Remote", "Full-time", ["Run the platform"], ["Kubernetes"], ["Go"]),
        new JobDescriptionReviewPolicy { ReviewTimeout = timeout, MaxRounds = maxRounds });

    private Task<string> StartAsync(JobDescriptionWorkflowRequest request) =>
        host.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.JobDescriptionOrchestrator,
            request,
            new StartOrchestrationOptions { InstanceId = WorkflowInstanceIds.JobDescription(request.JobDescriptionId) });
}
