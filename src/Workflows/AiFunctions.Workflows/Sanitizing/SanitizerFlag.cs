using System.Text.Json.Serialization;

namespace AiFunctions.Workflows.Sanitizing;

/// <summary>Something the sanitiser removed or flagged. <see cref="Detail"/> never quotes personal data.</summary>
/// <param name="Kind">What kind of thing.</param>
/// <param name="Detail">E.g. the injection phrase pattern matched, or how many characters were removed.</param>
public sealed record SanitizerFlag(SanitizerFlagKind Kind, string Detail);

[JsonConverter(typeof(JsonStringEnumConverter<SanitizerFlagKind>))]
public enum SanitizerFlagKind
{
    /// <summary>Zero-width or other invisible characters removed.</summary>
    InvisibleCharacters,

    /// <summary>HTML/markup removed (the text content is kept).</summary>
    Markup,

    /// <summary>Hidden text removed (display:none, visibility:hidden, font-size:0, white-on-white, hidden attribute).</summary>
    HiddenText,

    /// <summary>Text addressed to the model (e.g. "ignore previous instructions"): replaced by a marker, never obeyed, flagged for the reviewer.</summary>
    PromptInjection,

    /// <summary>Base64, hex or URL-encoded text that decodes to an instruction: replaced by a marker.</summary>
    EncodedInstruction,

    /// <summary>A link whose URL carries words (an instruction, or a sentence): replaced by a marker.</summary>
    LinkText,

    /// <summary>Words mixing Latin with Cyrillic or Greek look-alike letters (Unicode TR39 mixed-script confusables).</summary>
    Homoglyphs,

    /// <summary>One term repeated far beyond normal writing, or one line repeated: flagged, not removed.</summary>
    KeywordStuffing,
}
