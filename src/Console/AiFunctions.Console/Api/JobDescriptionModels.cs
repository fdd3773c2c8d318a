namespace AiFunctions.Console.Api;

/// <summary><c>GET /api/job-descriptions</c>: one page of the tenant's job descriptions.</summary>
public sealed record JobDescriptionList(IReadOnlyList<JobDescriptionListItem> Items, string? ContinuationToken);

/// <summary>One job description in <see cref="JobDescriptionList"/>.</summary>
public sealed record JobDescriptionListItem(string JobDescriptionId, string Status, int? ApprovedVersion, string? ApprovedBy, DateTimeOffset UpdatedAt);

/// <summary><c>GET /api/job-descriptions/{id}</c>: status, round and every drafted version with its checks.</summary>
public sealed record JobDescriptionStatus(
    string JobDescriptionId,
    string Status,
    string? Failure,
    int? Round,
    int? MaxRounds,
    int? CurrentVersion,
    int? ApprovedVersion,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    IReadOnlyList<JobDescriptionVersion> Versions);

/// <summary>One drafted version: the draft, the checks' findings, provenance and its review.</summary>
public sealed record JobDescriptionVersion(int Version, JobDescriptionDraft Draft, IReadOnlyList<JobDescriptionFinding> Findings, Provenance? Provenance, DateTimeOffset CreatedAt, JobDescriptionReview? Review, DateTimeOffset? ReviewedAt);

/// <summary>The drafted text.</summary>
public sealed record JobDescriptionDraft(string Title, string Summary, IReadOnlyList<string> Responsibilities, IReadOnlyList<string> Requirements, IReadOnlyList<string> NiceToHaves, string Benefits, string EqualOpportunityStatement, string Markdown);

/// <summary>One check's finding on a draft (e.g. inclusive language).</summary>
public sealed record JobDescriptionFinding(string Check, string Message);

/// <summary>A reviewer's decision on a version.</summary>
public sealed record JobDescriptionReview(string Decision, string Reviewer, IReadOnlyList<string>? Comments);

/// <summary>Body of <c>POST /api/job-descriptions/{id}/review</c>: the decision on the named version.</summary>
public sealed record JobDescriptionReviewRequest(string Decision, int Version, IReadOnlyList<string>? Comments);

/// <summary>202 answer of a job description review.</summary>
public sealed record JobDescriptionReviewAccepted(string JobDescriptionId, string Decision, string Reviewer, int Version, string Outcome);
