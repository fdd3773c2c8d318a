namespace AiFunctions.Workflows.Sanitizing;

/// <summary>A resume after <see cref="ResumeSanitizer"/>: plain visible text plus what was removed or flagged.</summary>
/// <param name="Spans">The spans the injection defence flagged (excerpts before neutralisation; not yet name-blinded).</param>
public sealed record SanitizedResume(string Text, IReadOnlyList<SanitizerFlag> Flags, IReadOnlyList<FlaggedSpan> Spans)
{
    public SanitizedResume(string text, IReadOnlyList<SanitizerFlag> flags)
        : this(text, flags, [])
    {
    }

    /// <summary>Whether anything in the resume is an injection signal (<see cref="InjectionSignals.Holds"/>): the candidate is then held for review.</summary>
    public bool HasInjectionSignal => Flags.Any(f => InjectionSignals.Holds(f.Kind));
}
