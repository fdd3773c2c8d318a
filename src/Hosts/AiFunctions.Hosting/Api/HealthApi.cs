using AiFunctions.Hosting.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFunctions.Hosting.Api;

/// <summary>One health check's result in a <see cref="HealthResponse"/>.</summary>
/// <param name="Status">Healthy, Degraded or Unhealthy.</param>
/// <param name="DurationMs">How long the check took, in milliseconds.</param>
public sealed record HealthEntry(string Name, string Status, string? Description, double DurationMs);

/// <summary>
/// Body of the health endpoints. <see cref="Status"/> is lower case (<c>healthy</c>, <c>degraded</c>, <c>unhealthy</c>);
/// <see cref="Detail"/> names every dependency that is down or degraded.
/// </summary>
public sealed record HealthResponse(string Status, string? Detail, IReadOnlyList<HealthEntry> Checks);

/// <summary>
/// GET /health/live (and its alias /health): 200 while the process answers. GET /health/ready: 200 when storage,
/// Service Bus (when configured) and at least one provider target are usable (degraded included), 503 naming what is
/// down otherwise. Anonymous; no check reports anything but dependency names and exception types.
/// </summary>
public sealed class HealthApi(HealthCheckService health)
{
    public Task<IResult> LiveAsync(CancellationToken cancellationToken) => RunAsync(AiFunctionsHealthChecks.LiveTag, cancellationToken);

    public Task<IResult> ReadyAsync(CancellationToken cancellationToken) => RunAsync(AiFunctionsHealthChecks.ReadyTag, cancellationToken);

    /// <summary>The readiness checks' report (what <c>GET /health/ready</c> answers), for the management overview.</summary>
    public Task<HealthResponse> ReadinessAsync(CancellationToken cancellationToken) => ReportAsync(AiFunctionsHealthChecks.ReadyTag, cancellationToken);

    private async Task<IResult> RunAsync(string tag, CancellationToken cancellationToken)
    {
        var body = await ReportAsync(tag, cancellationToken).ConfigureAwait(false);
        return Results.Json(body, ApiJson.Options, statusCode: body.Status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private async Task<HealthResponse> ReportAsync(string tag, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(tag), cancellationToken).ConfigureAwait(false);
        var checks = report.Entries
            .Select(e => new HealthEntry(e.Key, e.Value.Status.ToString(), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 1)))
            .ToArray();
        var down = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key} is {e.Value.Status.ToString().ToLowerInvariant()}: {e.Value.Description}").ToArray();
        return new HealthResponse(report.Status.ToString().ToLowerInvariant(), down.Length == 0 ? null : string.Join(" ", down), checks);
    }
}
