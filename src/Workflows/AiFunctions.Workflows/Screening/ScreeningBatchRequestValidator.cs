namespace AiFunctions.Workflows.Screening;

/// <summary>
/// Checks a <see cref="ScreeningBatchRequest"/> before it is scheduled. Each problem names the field and says what
/// to do; hosts return them as a 400 problem-details. The orchestrator runs the same check and fails fast.
/// </summary>
public static class ScreeningBatchRequestValidator
{
    public static IReadOnlyList<string> Validate(ScreeningBatchRequest? request)
    {
        if (request is null)
        {
            return ["The request body is missing: send a screening batch with batchId, tenant, requisition and candidates."];
        }

        var problems = new List<string>();
        if (!WorkflowInstanceIds.IsValidId(request.BatchId))
        {
            problems.Add($"batchId is missing or invalid: use {ResourceIds.Rule}.");
        }

        if (string.IsNullOrWhiteSpace(request.Tenant))
        {
            problems.Add("tenant is missing.");
        }

        if (request.Version != WorkflowVersions.ScreeningBatch)
        {
            problems.Add($"version '{request.Version}' is not served: this build runs screening batch version '{WorkflowVersions.ScreeningBatch}'.");
        }

        ValidateRequisition(request.Requisition, problems);
        ValidateCandidates(request.Candidates, problems);
        ValidatePolicy(request.ReviewPolicy ?? new ReviewPolicy(), problems);
        ValidateConcurrency(request.Concurrency ?? ScreeningConcurrency.Default, problems);
        return problems;
    }

    private static void ValidateRequisition(RequisitionSpec? requisition, List<string> problems)
    {
        if (requisition is null)
        {
            problems.Add("requisition is missing.");
            return;
        }

        if (string.IsNullOrWhiteSpace(requisition.RequisitionId))
        {
            problems.Add("requisition.requisitionId is missing.");
        }

        if (string.IsNullOrWhiteSpace(requisition.Title))
        {
            problems.Add("requisition.title is missing.");
        }

        if (string.IsNullOrWhiteSpace(requisition.JobDescription))
        {
            problems.Add("requisition.jobDescription is missing.");
        }

        var criteria = requisition.Criteria ?? [];
        if (criteria.Count == 0 || criteria.Count > WorkflowLimits.MaxCriteria)
        {
            problems.Add($"requisition.criteria must hold 1-{WorkflowLimits.MaxCriteria} criteria; it holds {criteria.Count}.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var criterion in criteria)
        {
            if (criterion is null || string.IsNullOrWhiteSpace(criterion.Id) || string.IsNullOrWhiteSpace(criterion.Text))
            {
                problems.Add("every requisition criterion needs an id and a text.");
                continue;
            }

            if (!ids.Add(criterion.Id))
            {
                problems.Add($"requisition criterion id '{criterion.Id}' occurs more than once: criterion ids must be unique.");
            }

            if (criterion.Weight is <= 0 or > 100 || double.IsNaN(criterion.Weight))
            {
                problems.Add($"requisition criterion '{criterion.Id}' has weight {criterion.Weight}: use a weight above 0 and at most 100.");
            }

            if (!Enum.IsDefined(criterion.Kind))
            {
                problems.Add($"requisition criterion '{criterion.Id}' has an unknown kind: use MustHave or NiceToHave.");
            }
        }
    }

    private static void ValidateCandidates(IReadOnlyList<CandidateSubmission>? candidates, List<string> problems)
    {
        if (candidates is null || candidates.Count == 0)
        {
            problems.Add("candidates is empty: send at least one candidate.");
            return;
        }

        if (candidates.Count > WorkflowLimits.MaxCandidatesPerBatch)
        {
            problems.Add($"candidates holds {candidates.Count} candidates; the limit is {WorkflowLimits.MaxCandidatesPerBatch} per batch: split it into several batches.");
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (candidate is null)
            {
                problems.Add($"candidates[{i}] is null.");
                continue;
            }

            if (!ResourceIds.IsValid(candidate.CandidateId))
            {
                problems.Add($"candidates[{i}].candidateId is missing or invalid: use {ResourceIds.Rule}.");
            }
            else if (!ids.Add(candidate.CandidateId) && duplicates.Add(candidate.CandidateId))
            {
                problems.Add($"candidates[{i}].candidateId '{candidate.CandidateId}' occurs more than once in the batch.");
            }

            if (string.IsNullOrWhiteSpace(candidate.DisplayName))
            {
                problems.Add($"candidates[{i}].displayName is missing (needed to name-blind the resume).");
            }

            var hasText = !string.IsNullOrWhiteSpace(candidate.ResumeText);
            var hasBlob = !string.IsNullOrWhiteSpace(candidate.ResumeBlobName);
            if (hasText == hasBlob)
            {
                problems.Add($"candidates[{i}] needs exactly one of resumeText and resumeBlobName.");
            }
            else if (hasText && candidate.ResumeText!.Length > WorkflowLimits.MaxInlineResumeChars)
            {
                problems.Add($"candidates[{i}].resumeText is {candidate.ResumeText.Length} characters; inline resumes are limited to {WorkflowLimits.MaxInlineResumeChars}: upload larger ones as a blob and pass resumeBlobName.");
            }
        }
    }

    private static void ValidatePolicy(ReviewPolicy policy, List<string> problems)
    {
        if (policy.ShortlistSize is < 1 or > 500)
        {
            problems.Add($"reviewPolicy.shortlistSize is {policy.ShortlistSize}: use 1-500.");
        }

        if (policy.ReviewTimeout < TimeSpan.FromSeconds(1) || policy.ReviewTimeout > TimeSpan.FromDays(90))
        {
            problems.Add($"reviewPolicy.reviewTimeout is {policy.ReviewTimeout}: use between 1 second and 90 days.");
        }

        if (!Enum.IsDefined(policy.OnTimeout))
        {
            problems.Add("reviewPolicy.onTimeout is unknown: use Escalate or Expire.");
        }

        if (policy.MaxEscalations is < 0 or > 10)
        {
            problems.Add($"reviewPolicy.maxEscalations is {policy.MaxEscalations}: use 0-10.");
        }
    }

    private static void ValidateConcurrency(ScreeningConcurrency concurrency, List<string> problems)
    {
        if (concurrency.ChunkSize < 1 || concurrency.ChunkSize > WorkflowLimits.MaxChunkSize)
        {
            problems.Add($"concurrency.chunkSize is {concurrency.ChunkSize}: use 1-{WorkflowLimits.MaxChunkSize}.");
        }

        if (concurrency.CandidatesInFlightPerChunk is < 1 or > 64)
        {
            problems.Add($"concurrency.candidatesInFlightPerChunk is {concurrency.CandidatesInFlightPerChunk}: use 1-64.");
        }

        if (concurrency.CandidatesPerActivity < 1 || concurrency.CandidatesPerActivity > WorkflowLimits.MaxCandidatesPerActivity)
        {
            problems.Add($"concurrency.candidatesPerActivity is {concurrency.CandidatesPerActivity}: use 1-{WorkflowLimits.MaxCandidatesPerActivity}.");
        }

        if (concurrency.ActivityStartBudget < TimeSpan.FromSeconds(1) || concurrency.ActivityStartBudget > TimeSpan.FromMinutes(10))
        {
            problems.Add($"concurrency.activityStartBudget is {concurrency.ActivityStartBudget}: use between 1 second and 10 minutes.");
        }

        if (concurrency.ChunksInFlight is < 1 or > 16)
        {
            problems.Add($"concurrency.chunksInFlight is {concurrency.ChunksInFlight}: use 1-16.");
        }

        if (concurrency.CandidateAttempts is < 1 or > 10)
        {
            problems.Add($"concurrency.candidateAttempts is {concurrency.CandidateAttempts}: use 1-10.");
        }

        if (concurrency.FirstRetryInterval < TimeSpan.FromSeconds(1) || concurrency.FirstRetryInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"concurrency.firstRetryInterval is {concurrency.FirstRetryInterval}: use between 1 second and 1 hour.");
        }

        if (concurrency.TransientRetryWindow < TimeSpan.FromMinutes(1) || concurrency.TransientRetryWindow > TimeSpan.FromHours(24))
        {
            problems.Add($"concurrency.transientRetryWindow is {concurrency.TransientRetryWindow}: use between 1 minute and 24 hours (default 30 minutes).");
        }
    }
}
