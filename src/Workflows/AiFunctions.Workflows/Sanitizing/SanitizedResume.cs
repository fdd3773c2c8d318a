namespace AiFunctions.Workflows.Sanitizing;

/// <summary>A resume after <see cref="ResumeSanitizer"/>: plain visible text plus what was removed or flagged.</summary>
public sealed record SanitizedResume(string Text, IReadOnlyList<SanitizerFlag> Flags);
