namespace AiFunctions.Hosting.Api;

/// <summary>One HTTP operation of the AiFunctions API, served identically by both hosts.</summary>
/// <param name="Name">Stable operation name (also the OpenAPI operation id and the Functions app's function name).</param>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Template">Route template in ASP.NET Core syntax, e.g. <c>api/screenings/{id}</c> (no leading slash).</param>
/// <param name="Policy">
/// The authorization policy (<see cref="Security.ApiPolicies"/>) a caller must satisfy. Every route declares one
/// unless it is <paramref name="Anonymous"/>; both hosts enforce it (a test walks every route × role).
/// </param>
/// <param name="Anonymous">True only for the health probe and the event webhook (which checks its own key).</param>
public sealed record ApiRoute(string Name, string Method, string Template, string? Policy = null, bool Anonymous = false)
{
    /// <summary>The template with a leading slash, as minimal APIs map it.</summary>
    public string Pattern => "/" + Template;

    public override string ToString() => $"{Method} {Pattern}";
}
