using AiFunctions.Workflows.Drafting;

namespace AiFunctions.Hosting.Api;

/// <summary>202 answer of <c>POST /api/job-descriptions</c>: drafting started; poll <see cref="StatusUri"/>.</summary>
/// <param name="InstanceId">The Durable Task instance id, <c>jobdescription-{jobDescriptionId}</c>.</param>
public sealed record JobDescriptionAccepted(string JobDescriptionId, string InstanceId, JobDescriptionStatus Status, string StatusUri);
