using AiFunctions.HrFunctions.Drafting;
using AiFunctions.Workflows.Drafting;
using AiFunctions.Workflows.Screening;
using AiFunctions.Workflows.Tests.Support;
using Xunit;

namespace AiFunctions.Workflows.Tests;

public sealed class RequestValidatorTests
{
    [Fact]
    public void A_well_formed_batch_has_no_problems() =>
        Assert.Empty(ScreeningBatchRequestValidator.Validate(Requests.Batch("ok-1", [Requests.Candidate("c-1", "Ada Lovelace", "C#")])));

    [Fact]
    public void An_oversized_batch_says_the_limit()
    {
        var candidates = Enumerable.Range(0, WorkflowLimits.MaxCandidatesPerBatch + 1).Select(i => new CandidateSubmission($"c-{i}", "N", "r")).ToArray();

        var problem = Assert.Single(ScreeningBatchRequestValidator.Validate(Requests.Batch("big-1", candidates)));

        Assert.Contains("10000", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_bad_field_is_named()
    {
        var request = Requests.Batch("bad id!", [
            new CandidateSubmission("c-1", "", new string('x', WorkflowLimits.MaxInlineResumeChars + 1)),
            new CandidateSubmission("c-1", "Ada", "r", "blob.txt"),
            new CandidateSubmission("c/3", "Alan"),
        ]) with { Version = "0", Tenant = " " };

        var problems = ScreeningBatchRequestValidator.Validate(request);

        Assert.Contains(problems, p => p.StartsWith("batchId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("tenant", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("version '0'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("candidates[0].displayName", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("candidates[0].resumeText", StringComparison.Ordinal) && p.Contains("resumeBlobName", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("candidates[1].candidateId 'c-1' occurs more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "candidates[1] needs exactly one of resumeText and resumeBlobName.");
        Assert.Contains(problems, p => p.StartsWith("candidates[2].candidateId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p == "candidates[2] needs exactly one of resumeText and resumeBlobName.");
    }

    [Fact]
    public void A_job_description_request_without_requirements_or_with_too_many_rounds_is_refused()
    {
        var request = new JobDescriptionWorkflowRequest(
            "jd-1", "contoso", new JobDescriptionRequest("Engineer", "Eng", "Remote", "Full-time", ["Build"], [], []),
            new JobDescriptionReviewPolicy { MaxRounds = WorkflowLimits.MaxJobDescriptionRounds + 1 });

        var problems = JobDescriptionWorkflowRequestValidator.Validate(request);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("request.requirements", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("reviewPolicy.maxRounds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("b-1", "screening-b-1")]
    [InlineData("Batch_2026.11", "screening-Batch_2026.11")]
    public void Instance_ids_are_deterministic(string batchId, string expected) =>
        Assert.Equal(expected, WorkflowInstanceIds.Screening(batchId));

    [Fact]
    public void Ids_that_cannot_be_keys_are_refused() =>
        Assert.Throws<ArgumentException>(() => WorkflowInstanceIds.Screening("a/b"));
}
