using AiFunctions.Workflows;

namespace AiFunctions.Hosting.Api;

/// <summary>Settings of the HTTP API (<c>AiFunctions:Api</c>), shared by both hosts.</summary>
public sealed class ApiOptions
{
    public const string Section = "AiFunctions:Api";

    /// <summary>Most candidates in one screening request (at most the workflows' limit, 10,000).</summary>
    public int MaxCandidatesPerBatch { get; set; } = WorkflowLimits.MaxCandidatesPerBatch;

    /// <summary>Longest inline resume in characters (at most the workflows' inline limit, 65,536).</summary>
    public int MaxResumeCharacters { get; set; } = WorkflowLimits.MaxInlineResumeChars;
}
