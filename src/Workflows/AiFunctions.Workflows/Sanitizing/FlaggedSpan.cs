namespace AiFunctions.Workflows.Sanitizing;

/// <summary>
/// A span of a resume the injection defence flagged, shown to the reviewer of a held candidate. <see cref="Excerpt"/>
/// (at most 200 characters) has been name-blinded and redacted like the text the model saw; it is stored with the
/// result, never logged.
/// </summary>
/// <param name="Kind">What kind of signal.</param>
/// <param name="Rule">The rule that matched, e.g. "ignore-previous-instructions" or "link-carries-text".</param>
/// <param name="Excerpt">The flagged text as it stood before it was replaced by the marker.</param>
public sealed record FlaggedSpan(SanitizerFlagKind Kind, string Rule, string Excerpt);
