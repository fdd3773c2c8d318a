using AiFunctions.Workflows.Screening;

namespace AiFunctions.Hosting.Api;

/// <summary>202 answer of <c>POST /api/screenings</c>: the batch is scheduled; poll <see cref="StatusUri"/>.</summary>
/// <param name="InstanceId">The Durable Task instance id, <c>screening-{batchId}</c>.</param>
/// <param name="Total">Candidates in the batch.</param>
public sealed record ScreeningAccepted(string BatchId, string InstanceId, ScreeningBatchStatus Status, int Total, string StatusUri, string ResultsUri);
