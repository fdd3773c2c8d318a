namespace AiFunctions.Hosting.Security;

/// <summary>
/// The roles a caller can hold (claim type <see cref="System.Security.Claims.ClaimTypes.Role"/>). A principal holds one
/// or more; docs/security.md has the role × endpoint table.
/// </summary>
public static class ApiRoles
{
    /// <summary>Submits work: screening batches, job description drafts, resume uploads; reads what it submitted.</summary>
    public const string Submitter = "Submitter";

    /// <summary>Reviews decisions: approves or rejects shortlists, approves or revises drafts; reads what it reviews.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>Operates the service: providers, routes, dead letters, erasure, retention purges.</summary>
    public const string Operator = "Operator";

    /// <summary>Audits: reads results, decision trails and the erasure/purge log of its tenant; changes nothing.</summary>
    public const string Auditor = "Auditor";

    /// <summary>
    /// Changes what every tenant shares: route changes and rollbacks, replay of dead letters (the Service Bus entities are
    /// the deployment's, not split by tenant). Held beside <see cref="Operator"/>, which reads what this role changes.
    /// </summary>
    public const string ServiceOperator = "ServiceOperator";

    /// <summary>
    /// Audits the whole service: the bias audit over a period across every tenant
    /// (<c>GET /api/audits/screening?scope=service</c>; docs/fairness.md). Reads figures only, no candidate data, and
    /// grants nothing else in any tenant.
    /// </summary>
    public const string ServiceAuditor = "ServiceAuditor";

    /// <summary>Every role, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [Submitter, Reviewer, Operator, Auditor, ServiceOperator, ServiceAuditor];
}
