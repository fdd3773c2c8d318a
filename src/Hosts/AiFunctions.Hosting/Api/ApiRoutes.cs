using AiFunctions.Hosting.Security;

namespace AiFunctions.Hosting.Api;

/// <summary>
/// The route table of the AiFunctions HTTP API. The standalone host maps exactly these; the Functions app declares
/// one HTTP trigger per entry with the same method and template (a parity test checks both against this table).
/// </summary>
public static class ApiRoutes
{
    public static ApiRoute StartScreening { get; } = new("StartScreening", "POST", "api/screenings", ApiPolicies.Submitter);
    public static ApiRoute GetScreening { get; } = new("GetScreening", "GET", "api/screenings/{id}", ApiPolicies.Reader);
    public static ApiRoute GetScreeningResults { get; } = new("GetScreeningResults", "GET", "api/screenings/{id}/results", ApiPolicies.Reader);
    public static ApiRoute GetScreeningAudit { get; } = new("GetScreeningAudit", "GET", "api/screenings/{id}/audit", ApiPolicies.Reader);
    public static ApiRoute ReviewScreening { get; } = new("ReviewScreening", "POST", "api/screenings/{id}/review", ApiPolicies.Reviewer);
    public static ApiRoute StartJobDescription { get; } = new("StartJobDescription", "POST", "api/job-descriptions", ApiPolicies.Submitter);
    public static ApiRoute GetJobDescription { get; } = new("GetJobDescription", "GET", "api/job-descriptions/{id}", ApiPolicies.Reader);
    public static ApiRoute ReviewJobDescription { get; } = new("ReviewJobDescription", "POST", "api/job-descriptions/{id}/review", ApiPolicies.Reviewer);
    public static ApiRoute UploadResume { get; } = new("UploadResume", "POST", "api/resumes", ApiPolicies.Submitter);
    /// <summary>Erases one candidate's personal data from every batch of the caller's tenant (docs/security.md, "Erasure").</summary>
    public static ApiRoute EraseCandidate { get; } = new("EraseCandidate", "DELETE", "api/candidates/{id}", ApiPolicies.Submitter);
    /// <summary>The caller's tenant's erasure log, newest first (Auditor; docs/security.md, "Erasure").</summary>
    public static ApiRoute ListErasures { get; } = new("ListErasures", "GET", "api/audits/erasures", ApiPolicies.Auditor);
    public static ApiRoute ListProviders { get; } = new("ListProviders", "GET", "api/providers", ApiPolicies.Operator);
    public static ApiRoute ListRoutes { get; } = new("ListRoutes", "GET", "api/routes", ApiPolicies.Operator);
    /// <summary>Who the signed-in caller is (name, tenant, roles): any caller holding a role (the console's sign-in asks this).</summary>
    public static ApiRoute WhoAmI { get; } = new("WhoAmI", "GET", "api/me", ApiPolicies.Caller);
    /// <summary>Liveness, kept at its old address: the same as <see cref="HealthLive"/>.</summary>
    public static ApiRoute Health { get; } = new("Health", "GET", "health", Anonymous: true);
    public static ApiRoute HealthLive { get; } = new("HealthLive", "GET", "health/live", Anonymous: true);
    public static ApiRoute HealthReady { get; } = new("HealthReady", "GET", "health/ready", Anonymous: true);

    /// <summary>Every operation, in documentation order.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        StartScreening, GetScreening, GetScreeningResults, GetScreeningAudit, ReviewScreening, UploadResume, EraseCandidate, ListErasures,
        StartJobDescription, GetJobDescription, ReviewJobDescription,
        ListProviders, ListRoutes, WhoAmI, Health, HealthLive, HealthReady,
        .. MigrationApi.Routes,
    ];
}
