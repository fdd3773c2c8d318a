using AiFunctions.Workflows;
using AiFunctions.Workflows.Screening;

namespace AiFunctions.Events.Contracts;

/// <summary>
/// <c>hr.screening.requested</c> v1: a batch job asks for a screening of many candidates against one requisition
/// (sent to the <c>screening-requests</c> queue). The batch id names the screening: a second request with the same
/// batch id starts nothing new.
/// </summary>
internal sealed record ScreeningRequestedV1 : IEventData
{
    public string? BatchId { get; init; }
    public string? RequisitionId { get; init; }

    /// <summary>The requisition inline; when absent the one opened with <c>hr.requisition.opened</c> is used.</summary>
    public RequisitionOpenedV1? Requisition { get; init; }

    public IReadOnlyList<CandidateV1>? Candidates { get; init; }

    /// <summary>Shortlist size and reviewer gate; the workflow's defaults when absent.</summary>
    public ReviewPolicy? ReviewPolicy { get; init; }

    public IEnumerable<string> Validate()
    {
        var problems = FieldRules.Id("batchId", BatchId).Concat(FieldRules.Id("requisitionId", RequisitionId)).ToList();
        if (Requisition is not null)
        {
            problems.AddRange(Requisition.Validate().Select(p => "(requisition) " + p));
            if (Requisition.RequisitionId != RequisitionId)
            {
                problems.Add("'requisition.requisitionId' differs from 'requisitionId'.");
            }
        }

        if (Candidates is null || Candidates.Count == 0)
        {
            problems.Add("'candidates' needs at least one candidate.");
        }
        else if (Candidates.Count > WorkflowLimits.MaxCandidatesPerBatch)
        {
            problems.Add($"'candidates' holds {Candidates.Count}; the limit is {WorkflowLimits.MaxCandidatesPerBatch} per request. Split the batch.");
        }
        else
        {
            for (var i = 0; i < Candidates.Count; i++)
            {
                var c = Candidates[i];
                problems.AddRange(FieldRules.Id($"candidates[{i}].candidateId", c?.CandidateId));
                problems.AddRange(FieldRules.Text($"candidates[{i}].displayName", c?.DisplayName, 300));
                problems.AddRange(FieldRules.Resume($"candidates[{i}]", c?.ResumeText, c?.ResumeBlobName));
            }
        }

        // A 10,000-candidate batch could list thousands of problems; the first 20 say enough.
        return problems.Take(20);
    }
}
