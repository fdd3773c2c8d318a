namespace AiFunctions.Console.Api;

/// <summary><c>GET /api/me</c>: who the signed-in caller is, as the API sees it.</summary>
public sealed record CallerInfo(string Name, string Tenant, IReadOnlyList<string> Roles);

/// <summary><c>GET /health/ready</c>: overall status and one entry per dependency.</summary>
public sealed record HealthReport(string Status, IReadOnlyList<HealthCheckEntry>? Checks);

/// <summary>One dependency of <see cref="HealthReport"/>.</summary>
public sealed record HealthCheckEntry(string Name, string Status, string? Description, double? DurationMs);
