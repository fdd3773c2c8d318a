using AiFunctions.Workflows;

namespace AiFunctions.Hosting.Api;

/// <summary>Settings of the HTTP API (<c>AiFunctions:Api</c>), shared by both hosts.</summary>
public sealed class ApiOptions
{
    public const string Section = "AiFunctions:Api";

    /// <summary>
    /// Accepted values of the <c>X-Api-Key</c> header (several, so keys can be rotated without downtime). Required:
    /// the host refuses to start without one. Put them in a secret store or environment variables
    /// (<c>AiFunctions__Api__ApiKeys__0</c>), never in a checked-in file.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Most candidates in one screening request (at most the workflows' limit, 10,000).</summary>
    public int MaxCandidatesPerBatch { get; set; } = WorkflowLimits.MaxCandidatesPerBatch;

    /// <summary>Longest inline resume in characters (at most the workflows' inline limit, 65,536).</summary>
    public int MaxResumeCharacters { get; set; } = WorkflowLimits.MaxInlineResumeChars;
}
