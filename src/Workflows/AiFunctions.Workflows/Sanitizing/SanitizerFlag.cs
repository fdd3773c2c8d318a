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
}
