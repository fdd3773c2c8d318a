namespace AiFunctions.Workflows.Drafting;

/// <summary>Checks a <see cref="JobDescriptionWorkflowRequest"/> before it is scheduled (hosts return the problems as 400).</summary>
public static class JobDescriptionWorkflowRequestValidator
{
    public static IReadOnlyList<string> Validate(JobDescriptionWorkflowRequest? request)
    {
        if (request is null)
        {
            return ["The request body is missing: send jobDescriptionId, tenant and request."];
        }

        var problems = new List<string>();
        if (!WorkflowInstanceIds.IsValidId(request.JobDescriptionId))
        {
            problems.Add($"jobDescriptionId is missing or invalid: use {ResourceIds.Rule}.");
        }

        if (string.IsNullOrWhiteSpace(request.Tenant))
        {
            problems.Add("tenant is missing.");
        }

        if (request.Version != WorkflowVersions.JobDescription)
        {
            problems.Add($"version '{request.Version}' is not served: this build runs job description version '{WorkflowVersions.JobDescription}'.");
        }

        if (request.Request is null)
        {
            problems.Add("request is missing: send the title, department, location, employment type, responsibilities and requirements.");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.Request.Title))
            {
                problems.Add("request.title is missing.");
            }

            if (request.Request.Responsibilities is null || request.Request.Responsibilities.Count == 0)
            {
                problems.Add("request.responsibilities is empty: list at least one responsibility.");
            }

            if (request.Request.Requirements is null || request.Request.Requirements.Count == 0)
            {
                problems.Add("request.requirements is empty: list at least one requirement.");
            }
        }

        var policy = request.ReviewPolicy ?? new JobDescriptionReviewPolicy();
        if (policy.MaxRounds < 1 || policy.MaxRounds > WorkflowLimits.MaxJobDescriptionRounds)
        {
            problems.Add($"reviewPolicy.maxRounds is {policy.MaxRounds}: use 1-{WorkflowLimits.MaxJobDescriptionRounds}.");
        }

        if (policy.ReviewTimeout < TimeSpan.FromSeconds(1) || policy.ReviewTimeout > TimeSpan.FromDays(90))
        {
            problems.Add($"reviewPolicy.reviewTimeout is {policy.ReviewTimeout}: use between 1 second and 90 days.");
        }

        return problems;
    }
}
