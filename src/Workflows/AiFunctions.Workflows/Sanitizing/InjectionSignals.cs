namespace AiFunctions.Workflows.Sanitizing;

/// <summary>Which sanitiser findings are injection signals, so that the candidate is held for a reviewer (docs/fairness.md).</summary>
public static class InjectionSignals
{
    /// <summary>
    /// True for text aimed at the model (plain, encoded, in a link), answer-format breaking, homoglyph disguise, keyword
    /// stuffing and hidden text; false for markup and stray invisible characters alone (common in pasted resumes; an
    /// instruction they hid is still found once they are removed).
    /// </summary>
    public static bool Holds(SanitizerFlagKind kind) => kind is SanitizerFlagKind.PromptInjection or SanitizerFlagKind.EncodedInstruction
        or SanitizerFlagKind.LinkText or SanitizerFlagKind.Homoglyphs or SanitizerFlagKind.KeywordStuffing or SanitizerFlagKind.HiddenText;
}
