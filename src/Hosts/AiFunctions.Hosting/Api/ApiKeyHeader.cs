namespace AiFunctions.Hosting.Api;

/// <summary>The header service callers send their API key in (<see cref="Security.ApiKeyAuthenticationHandler"/>).</summary>
public static class ApiKeyHeader
{
    public const string Name = "X-Api-Key";
}
